package com.paycallback.notice;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Remembers the nonces of genuine notices for as long as their timestamp would pass the freshness
 * check; a nonce seen again inside that window is a replay. Kept in the database so every instance
 * of the service shares it. A claim is part of the notice's hand-off transaction: when we fail to
 * hand the notice off, the rollback gives the nonce back and the gateway's retry is no replay.
 */
@Repository
public class NonceRegistry {

  private final JdbcClient jdbc;
  private final Clock clock;

  NonceRegistry(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Claims a nonce for its freshness window.
   *
   * @throws NoticeRejected {@link ReasonCode#REPLAYED_NONCE} when it was claimed before
   */
  void claim(String channel, ReplayKey key) {
    try {
      jdbc.sql("INSERT INTO notice_nonces (channel, nonce, expires_at) VALUES (?, ?, ?)")
          .params(channel, key.nonce(), Timestamp.from(key.expiresAt()))
          .update();
    } catch (DuplicateKeyException replay) {
      throw new NoticeRejected(ReasonCode.REPLAYED_NONCE, "nonce seen before");
    }
  }

  /**
   * Claims a nonce unless it is claimed already: for a genuine, fresh notice that was rejected for
   * another reason, so that a copy sent again is still a replay.
   */
  void claimIfFree(String channel, ReplayKey key) {
    jdbc.sql("INSERT IGNORE INTO notice_nonces (channel, nonce, expires_at) VALUES (?, ?, ?)")
        .params(channel, key.nonce(), Timestamp.from(key.expiresAt()))
        .update();
  }

  /**
   * Deletes up to {@code limit} nonces that expired over a minute ago: they can no longer be
   * replayed (the timestamp check refuses them first).
   *
   * @return how many it deleted; fewer than {@code limit} means none is left
   */
  public int forgetExpired(int limit) {
    return jdbc.sql("DELETE FROM notice_nonces WHERE expires_at < ? ORDER BY expires_at LIMIT ?")
        .params(Timestamp.from(clock.instant().minus(Duration.ofMinutes(1))), limit)
        .update();
  }
}
