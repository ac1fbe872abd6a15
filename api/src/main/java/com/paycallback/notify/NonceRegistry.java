package com.paycallback.notify;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * Remembers the nonces of genuine notices for as long as their timestamp would pass the freshness
 * check; a nonce seen again inside that window is a replay. Kept in the database so every instance
 * of the service shares it.
 */
@Repository
public class NonceRegistry {

  private static final String CLAIM = NonceRegistry.class.getName() + ".claim";

  private final JdbcClient jdbc;
  private final Clock clock;

  NonceRegistry(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Claims a nonce for the freshness window around {@code timestamp}.
   *
   * @throws NoticeRejected {@link ReasonCode#REPLAYED_NONCE} when it was claimed before
   */
  public void claim(
      HttpServletRequest request,
      String channel,
      String nonce,
      Instant timestamp,
      Duration window) {
    Instant expires = timestamp.plus(window);
    try {
      jdbc.sql("INSERT INTO notice_nonces (channel, nonce, expires_at) VALUES (?, ?, ?)")
          .params(channel, nonce, Timestamp.from(expires))
          .update();
    } catch (DuplicateKeyException replay) {
      throw new NoticeRejected(ReasonCode.REPLAYED_NONCE, "nonce seen before");
    }
    request.setAttribute(CLAIM, new String[] {channel, nonce});
  }

  /**
   * Gives back the nonce this request claimed, when the notice could not be handled for reasons of
   * ours (database or Temporal down): the gateway's retry of the same message must not be taken for
   * a replay.
   */
  void releaseClaim(HttpServletRequest request) {
    if (request.getAttribute(CLAIM) instanceof String[] claim) {
      jdbc.sql("DELETE FROM notice_nonces WHERE channel = ? AND nonce = ?")
          .params(claim[0], claim[1])
          .update();
    }
  }

  /** Expired nonces can no longer be replayed (the timestamp check refuses them first). */
  @Scheduled(fixedDelayString = "PT1M")
  void forgetExpired() {
    jdbc.sql("DELETE FROM notice_nonces WHERE expires_at < ?")
        .param(Timestamp.from(clock.instant().minus(Duration.ofMinutes(1))))
        .update();
  }
}
