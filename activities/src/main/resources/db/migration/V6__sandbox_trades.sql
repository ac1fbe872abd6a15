-- The simulated gateways' own records (embedded default only, like sandbox_refunds): the trades
-- they took payments for, so they can answer trade queries and closes the way the real gateways
-- do, including for payments whose notice they never delivered.
CREATE TABLE sandbox_trades (
  id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel        VARCHAR(16)  NOT NULL,
  order_no       VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  -- PAID (transaction_id set) or CLOSED (the merchant closed the unpaid trade)
  status         VARCHAR(16)  NOT NULL,
  transaction_id VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  amount         BIGINT       NULL,
  currency       CHAR(3)      NULL,
  payer          VARCHAR(64)  NULL,
  paid_at        TIMESTAMP(3) NULL,
  delivered      BOOLEAN      NOT NULL DEFAULT TRUE,
  created_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_sandbox_trades_transaction (transaction_id),
  KEY ix_sandbox_trades_order (order_no, channel)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- A refund the simulated gateway accepted is SUCCESS at once or PROCESSING until it completes.
ALTER TABLE sandbox_refunds ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'SUCCESS';
