-- The settlements table becomes the inbox. A row commits together with its notice's audit row
-- and nonce claim; the dispatcher then starts its workflow and stamps dispatched_at. A row with
-- no dispatched_at is one whose workflow may not have been started (a crash, Temporal down): the
-- dispatcher's sweep starts it. checked_at is when the sweep last asked Temporal whether the
-- row's workflow is still alive.
ALTER TABLE settlements
  ADD COLUMN dispatched_at TIMESTAMP(3) NULL,
  ADD COLUMN checked_at    TIMESTAMP(3) NULL,
  ADD KEY settlements_to_dispatch (dispatched_at, created_at);

-- Rows that finished were dispatched; unfinished ones are left to the first sweep, which starts
-- each again unless its workflow exists (the workflow id makes that harmless).
UPDATE settlements SET dispatched_at = created_at WHERE status IN ('SETTLED', 'COMPENSATED');

-- Transaction ids and order numbers are compared exactly, as Temporal compares workflow ids: in a
-- case-insensitive collation 'abc' and 'ABC' would be one settlement here and two in Temporal.
ALTER TABLE orders
  MODIFY order_no       VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY transaction_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;

ALTER TABLE order_items
  MODIFY order_no VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

ALTER TABLE coupons
  MODIFY order_no VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;

ALTER TABLE payment_notices
  MODIFY transaction_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  MODIFY order_no       VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;

ALTER TABLE settlements
  MODIFY transaction_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY order_no       VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

ALTER TABLE settlement_steps
  MODIFY transaction_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

ALTER TABLE refunds
  MODIFY refund_key     VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY transaction_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY order_no       VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

ALTER TABLE notice_nonces
  MODIFY nonce VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

ALTER TABLE outbox_events
  MODIFY event_key    VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY aggregate_id VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

ALTER TABLE settlement_actions
  MODIFY transaction_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

ALTER TABLE sandbox_refunds
  MODIFY refund_key     VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY transaction_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY order_no       VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
