-- Databases and least-privilege users for the compose stack. Passwords come from compose's
-- environment in real deployments; these are local-stack placeholders.
CREATE DATABASE IF NOT EXISTS paycallback CHARACTER SET utf8mb4;

-- Migrations (Flyway) run as this user: DDL on the application schema only.
CREATE USER IF NOT EXISTS 'paycallback_migrate'@'%' IDENTIFIED BY 'migrate-local-only';
GRANT ALL PRIVILEGES ON paycallback.* TO 'paycallback_migrate'@'%';

-- The service runs as this user: data only, no DDL.
CREATE USER IF NOT EXISTS 'paycallback_app'@'%' IDENTIFIED BY 'app-local-only';
GRANT SELECT, INSERT, UPDATE, DELETE ON paycallback.* TO 'paycallback_app'@'%';

-- Temporal server keeps its own schemas under its own user, never the shop's data or root.
CREATE USER IF NOT EXISTS 'temporal'@'%' IDENTIFIED BY 'temporal-local-only';
GRANT ALL PRIVILEGES ON temporal.* TO 'temporal'@'%';
GRANT ALL PRIVILEGES ON temporal_visibility.* TO 'temporal'@'%';
