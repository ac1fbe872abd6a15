-- Issue 10: the gateway is the source of truth. The shop records which channel(s) the buyer
-- started paying with (when it asked that gateway for a prepay), so the reconciler asks exactly
-- those gateways about an order still unpaid, on a schedule kept on the order.
CREATE TABLE order_payment_channels (
  order_no   VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  channel    VARCHAR(16)  NOT NULL,
  started_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (order_no, channel)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- payment_started_at: the first prepay. reconcile_at: the next check (NULL = the first, due
-- query-after the payment started). reconcile_lease_until: an instance is asking the gateways about
-- this order until then; no other one does meanwhile. reconcile_answer: what the gateways said last.
ALTER TABLE orders
  ADD COLUMN payment_started_at    TIMESTAMP(3)  NULL,
  ADD COLUMN reconcile_at          TIMESTAMP(3)  NULL,
  ADD COLUMN reconcile_attempts    INT           NOT NULL DEFAULT 0,
  ADD COLUMN reconcile_lease_until TIMESTAMP(3)  NULL,
  ADD COLUMN reconciled_at         TIMESTAMP(3)  NULL,
  ADD COLUMN reconcile_answer      VARCHAR(500)  NULL,
  ADD KEY orders_by_status_created (status, created_at);

-- Where a payment came from: the gateway's notice, or its answer to our trade query. A query answer
-- has no source address (we called the gateway).
ALTER TABLE payment_notices
  ADD COLUMN source VARCHAR(8) NOT NULL DEFAULT 'NOTICE',
  MODIFY source_ip VARCHAR(45) NULL;

ALTER TABLE settlements
  ADD COLUMN source VARCHAR(8) NOT NULL DEFAULT 'NOTICE';
