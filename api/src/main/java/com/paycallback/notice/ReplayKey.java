package com.paycallback.notice;

import java.time.Duration;
import java.time.Instant;

/**
 * What makes one genuine request unique while its timestamp passes the freshness check; seen a
 * second time inside that window, the request is a replay.
 *
 * @param nonce the protocol's nonce, or a digest of what makes the signed request unique
 * @param signedAt the signed timestamp, already checked against the window
 * @param window how far that timestamp may be from our clock, either way
 */
public record ReplayKey(String nonce, Instant signedAt, Duration window) {

  /** Until when a replay would still pass the timestamp check. */
  public Instant expiresAt() {
    return signedAt.plus(window);
  }
}
