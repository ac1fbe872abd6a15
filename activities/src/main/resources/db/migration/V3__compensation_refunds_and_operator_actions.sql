-- Issue 5: compensation and refunds, late payments, the operator lane.

-- Why a settlement is compensating or compensated (a business failure, a late or double payment,
-- an operator's decision); kept once set.
ALTER TABLE settlements ADD COLUMN reason VARCHAR(300) NULL;

-- Every refund the saga obtained from a gateway, one per transaction (refund_key derives from it).
CREATE TABLE refunds (
  refund_key        VARCHAR(64)  NOT NULL PRIMARY KEY,
  transaction_id    VARCHAR(64)  NOT NULL,
  channel           VARCHAR(16)  NOT NULL,
  order_no          VARCHAR(64)  NOT NULL,
  amount            BIGINT       NOT NULL,
  currency          CHAR(3)      NOT NULL,
  status            VARCHAR(16)  NOT NULL, -- the gateway's word: SUCCESS, PROCESSING
  gateway_refund_id VARCHAR(64)  NULL,
  reason            VARCHAR(300) NULL,
  refunded_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY refunds_by_transaction (transaction_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- The simulated gateways' own book of refunds (embedded default only; empty in production).
CREATE TABLE sandbox_refunds (
  refund_key     VARCHAR(64)  NOT NULL PRIMARY KEY,
  channel        VARCHAR(16)  NOT NULL,
  transaction_id VARCHAR(64)  NOT NULL,
  order_no       VARCHAR(64)  NOT NULL,
  amount         BIGINT       NOT NULL,
  currency       CHAR(3)      NOT NULL,
  reason         VARCHAR(300) NULL,
  received_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Operators' decisions on parked settlements: who, what, when, and whether the workflow took it.
CREATE TABLE settlement_actions (
  id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  transaction_id VARCHAR(64)  NOT NULL,
  action         VARCHAR(16)  NOT NULL, -- RETRY, SKIP, COMPENSATE
  step           VARCHAR(32)  NULL,
  operator       VARCHAR(100) NOT NULL,
  outcome        VARCHAR(16)  NOT NULL, -- ACCEPTED, REJECTED
  detail         VARCHAR(300) NULL,
  acted_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY settlement_actions_by_transaction (transaction_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
