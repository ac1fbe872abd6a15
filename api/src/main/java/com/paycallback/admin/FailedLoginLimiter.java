package com.paycallback.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: a client that failed {@code maxFailures} logins within {@code window} is
 * refused until the window ends, correct password or not. In memory, per instance: each service
 * instance counts on its own, which bounds guesses per instance and needs no shared store.
 */
final class FailedLoginLimiter {

  /** Beyond this many clients tracked, expired entries are dropped at once. */
  private static final int EVICT_ABOVE = 10_000;

  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Failures> byClient = new ConcurrentHashMap<>();

  FailedLoginLimiter(int maxFailures, Duration window, Clock clock) {
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  /** How long the client must wait before it may try again, if it must. */
  Optional<Duration> blockedFor(String client) {
    Failures failures = byClient.get(client);
    if (failures == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant until = failures.since().plus(window);
    if (!now.isBefore(until)) {
      byClient.remove(client, failures);
      return Optional.empty();
    }
    return failures.count() >= maxFailures
        ? Optional.of(Duration.between(now, until))
        : Optional.empty();
  }

  void failed(String client) {
    Instant now = clock.instant();
    byClient.compute(
        client,
        (key, failures) ->
            failures == null || !now.isBefore(failures.since().plus(window))
                ? new Failures(now, 1)
                : new Failures(failures.since(), failures.count() + 1));
    if (byClient.size() > EVICT_ABOVE) {
      byClient.values().removeIf(f -> !now.isBefore(f.since().plus(window)));
    }
  }

  void succeeded(String client) {
    byClient.remove(client);
  }

  private record Failures(Instant since, int count) {}
}
