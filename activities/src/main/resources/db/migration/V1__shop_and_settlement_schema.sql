-- The shop tables the settlement saga touches, the notice audit trail, the settlement ledger and
-- the outbox. Money is BIGINT minor units (fen) everywhere. Runs on MySQL 8 and MariaDB 10.11+.

CREATE TABLE skus (
  sku_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
  name       VARCHAR(200) NOT NULL,
  price      BIGINT       NOT NULL,
  stock      INT          NOT NULL,
  sales      INT          NOT NULL DEFAULT 0,
  CONSTRAINT skus_stock_never_negative CHECK (stock >= 0),
  CONSTRAINT skus_sales_never_negative CHECK (sales >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE points_accounts (
  user_id   VARCHAR(64) NOT NULL PRIMARY KEY,
  available BIGINT      NOT NULL DEFAULT 0,
  frozen    BIGINT      NOT NULL DEFAULT 0,
  CONSTRAINT points_never_negative CHECK (available >= 0 AND frozen >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE wallet_balances (
  user_id   VARCHAR(64) NOT NULL PRIMARY KEY,
  available BIGINT      NOT NULL DEFAULT 0,
  frozen    BIGINT      NOT NULL DEFAULT 0,
  spent     BIGINT      NOT NULL DEFAULT 0,
  CONSTRAINT balance_never_negative CHECK (available >= 0 AND frozen >= 0 AND spent >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE coupons (
  coupon_id VARCHAR(64) NOT NULL PRIMARY KEY,
  user_id   VARCHAR(64) NOT NULL,
  discount  BIGINT      NOT NULL,
  status    VARCHAR(16) NOT NULL, -- AVAILABLE, LOCKED, USED
  order_no  VARCHAR(64) NULL,
  KEY coupons_by_user (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE orders (
  order_no         VARCHAR(64) NOT NULL PRIMARY KEY,
  user_id          VARCHAR(64) NOT NULL,
  status           VARCHAR(24) NOT NULL, -- PENDING_PAYMENT, PAID, SETTLED, CLOSED, REFUNDING, REFUNDED
  payable          BIGINT      NOT NULL,
  currency         CHAR(3)     NOT NULL,
  coupon_id        VARCHAR(64) NULL,
  coupon_discount  BIGINT      NOT NULL DEFAULT 0,
  points_redeemed  BIGINT      NOT NULL DEFAULT 0,
  points_earned    BIGINT      NOT NULL DEFAULT 0,
  balance_used     BIGINT      NOT NULL DEFAULT 0,
  transaction_id   VARCHAR(64) NULL,
  paid_channel     VARCHAR(16) NULL,
  paid_at          TIMESTAMP(3) NULL,
  created_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY orders_by_user (user_id),
  CONSTRAINT orders_payable_positive CHECK (payable > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE order_items (
  order_no   VARCHAR(64) NOT NULL,
  sku_id     VARCHAR(64) NOT NULL,
  quantity   INT         NOT NULL,
  unit_price BIGINT      NOT NULL,
  PRIMARY KEY (order_no, sku_id),
  CONSTRAINT order_items_quantity_positive CHECK (quantity > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Every webhook request, accepted or not. The raw payload is stored encrypted (AES-256-GCM);
-- payload_key_id names the key so keys can rotate.
CREATE TABLE payment_notices (
  id                 BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel            VARCHAR(16)  NOT NULL,
  transaction_id     VARCHAR(64)  NULL,
  order_no           VARCHAR(64)  NULL,
  amount             BIGINT       NULL,
  trade_status       VARCHAR(32)  NULL,
  source_ip          VARCHAR(45)  NOT NULL,
  outcome            VARCHAR(16)  NOT NULL, -- ACCEPTED, DUPLICATE, IGNORED, REJECTED, ERROR
  reason_code        VARCHAR(48)  NOT NULL,
  payload_key_id     VARCHAR(32)  NULL,
  payload_ciphertext MEDIUMBLOB   NULL,
  received_at        TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY payment_notices_by_transaction (transaction_id),
  KEY payment_notices_by_order (order_no),
  KEY payment_notices_by_time (received_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One row per settlement (= workflow id): written when a notice is handed off, kept current by
-- the workflow, read by the admin API and by the start-up re-drive.
CREATE TABLE settlements (
  transaction_id VARCHAR(64)   NOT NULL PRIMARY KEY,
  channel        VARCHAR(16)   NOT NULL,
  order_no       VARCHAR(64)   NOT NULL,
  amount         BIGINT        NOT NULL,
  currency       CHAR(3)       NOT NULL,
  paid_at        TIMESTAMP(3)  NOT NULL,
  payer_ref      VARCHAR(64)   NULL,
  status         VARCHAR(24)   NOT NULL,
  current_step   VARCHAR(32)   NULL,
  attempts       INT           NOT NULL DEFAULT 0,
  last_error     VARCHAR(1000) NULL,
  created_at     TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at     TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY settlements_by_status (status),
  KEY settlements_by_order (order_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- The idempotency ledger: a step's row commits in the same transaction as its effect.
CREATE TABLE settlement_steps (
  transaction_id VARCHAR(64)  NOT NULL,
  step           VARCHAR(32)  NOT NULL,
  result         VARCHAR(64)  NOT NULL,
  applied_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (transaction_id, step)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Events for other services (notification, data sync), published by a relay.
CREATE TABLE outbox_events (
  id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event_key    VARCHAR(100) NOT NULL,
  event_type   VARCHAR(48)  NOT NULL,
  aggregate_id VARCHAR(64)  NOT NULL,
  payload      TEXT         NOT NULL,
  created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  published_at TIMESTAMP(3) NULL,
  UNIQUE KEY outbox_events_key (event_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
