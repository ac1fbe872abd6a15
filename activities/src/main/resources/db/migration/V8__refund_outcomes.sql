-- Issue 10: a refund counts as done only once the gateway confirms it. refunds.status now moves
-- on after the gateway's first answer: PROCESSING -> SUCCESS, ABNORMAL or CLOSED (its notice or
-- our query), or BY_HAND when an operator records a refund made outside the gateway.
ALTER TABLE refunds
  ADD COLUMN confirmed_by VARCHAR(100) NULL, -- GATEWAY, NOTICE, QUERY, or "operator <name>"
  ADD COLUMN updated_at   TIMESTAMP(3) NULL;
