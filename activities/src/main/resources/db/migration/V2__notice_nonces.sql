-- Nonces of genuine notices seen inside their freshness window: a second use is a replay.
CREATE TABLE notice_nonces (
  channel    VARCHAR(16)  NOT NULL,
  nonce      VARCHAR(64)  NOT NULL,
  expires_at TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (channel, nonce),
  KEY notice_nonces_by_expiry (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
