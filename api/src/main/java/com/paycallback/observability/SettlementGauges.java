package com.paycallback.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the database says about settlements, as gauges: the inbox (handed off, not yet started in
 * Temporal) by depth and by the age of its oldest row, and settlements by status (parked ones are
 * {@code NEEDS_ATTENTION}). Every scrape reads the same snapshot, taken at most every {@link
 * #MAX_AGE}, so scrapes from several Prometheus servers never add up to a load on the database.
 */
class SettlementGauges {

  static final Duration MAX_AGE = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(SettlementGauges.class);
  private static final List<String> STATUSES =
      List.of("RUNNING", "SETTLED", "NEEDS_ATTENTION", "COMPENSATING", "COMPENSATED");

  private final JdbcClient jdbc;
  private final Clock clock;
  private final MultiGauge byStatus;
  private Snapshot snapshot;

  SettlementGauges(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.clock = clock;
    Gauge.builder("paycallback.inbox.depth", this, g -> g.current().inboxDepth())
        .description("Settlements handed off but not yet started in Temporal")
        .register(meters);
    Gauge.builder("paycallback.inbox.age", this, g -> g.current().inboxAgeSeconds())
        .description("Seconds the oldest unstarted settlement has waited in the inbox")
        .baseUnit("seconds")
        .register(meters);
    Gauge.builder("paycallback.settlements.parked", this, g -> g.current().count("NEEDS_ATTENTION"))
        .description("Settlements waiting for an operator")
        .register(meters);
    byStatus =
        MultiGauge.builder("paycallback.settlements")
            .description("Settlements by status")
            .register(meters);
    byStatus.register(
        STATUSES.stream()
            .map(
                status ->
                    MultiGauge.Row.of(
                        Tags.of("status", status), this, g -> g.current().count(status)))
            .toList());
  }

  synchronized Snapshot current() {
    Instant now = clock.instant();
    if (snapshot == null || snapshot.takenAt().plus(MAX_AGE).isBefore(now)) {
      try {
        snapshot = read(now);
      } catch (RuntimeException e) {
        // A scrape must not fail with the database; the gauges go blank until it answers.
        log.debug("settlement gauges not read: {}", e.toString());
        snapshot = Snapshot.unknown(now);
      }
    }
    return snapshot;
  }

  private Snapshot read(Instant now) {
    Map<String, Long> counts =
        jdbc
            .sql("SELECT status, COUNT(*) AS n FROM settlements GROUP BY status")
            .query((rs, i) -> Map.entry(rs.getString("status"), rs.getLong("n")))
            .list()
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    Inbox inbox =
        jdbc.sql(
                """
                SELECT COUNT(*) AS depth, MIN(created_at) AS oldest
                FROM settlements WHERE dispatched_at IS NULL
                """)
            .query(
                (rs, i) -> {
                  Timestamp oldest = rs.getTimestamp("oldest");
                  return new Inbox(rs.getLong("depth"), oldest == null ? null : oldest.toInstant());
                })
            .single();
    double age =
        inbox.oldest() == null
            ? 0
            : Math.max(0, Duration.between(inbox.oldest(), now).toMillis() / 1000.0);
    return new Snapshot(now, counts, inbox.depth(), age);
  }

  private record Inbox(long depth, Instant oldest) {}

  record Snapshot(
      Instant takenAt, Map<String, Long> counts, double inboxDepth, double inboxAgeSeconds) {

    static Snapshot unknown(Instant now) {
      return new Snapshot(now, null, Double.NaN, Double.NaN);
    }

    double count(String status) {
      return counts == null ? Double.NaN : counts.getOrDefault(status, 0L);
    }
  }
}
