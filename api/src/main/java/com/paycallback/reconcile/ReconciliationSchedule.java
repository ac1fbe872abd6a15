package com.paycallback.reconcile;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reconciliation schedule kept on each order: when it is next asked about, how often it was,
 * what the gateways said last, and the lease of the instance asking now. Every time is the
 * database's clock, so instances with skewed clocks agree.
 */
@Repository
class ReconciliationSchedule {

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  ReconciliationSchedule(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    // READ COMMITTED: the claim's scan locks the rows it takes, not the gaps between orders, so it
    // never holds up the shop placing new ones.
    this.transactions = new TransactionTemplate(transactionManager);
    this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
  }

  /**
   * An order as the reconciler sees it.
   *
   * @param expired whether its payment deadline has passed
   * @param checks how many times the gateways were asked about it before
   */
  record DueOrder(
      String orderNo, String status, boolean expired, boolean paymentStarted, int checks) {}

  /**
   * Claims up to {@code limit} unpaid orders that are due: their next check has come (the first
   * comes {@code queryAfter} after the payment started, or at the deadline if that is sooner), or
   * the buyer never started paying and the deadline has passed. Rows another instance is claiming
   * are skipped, and every claimed order is leased: no other instance asks about it until the lease
   * ends.
   */
  List<DueOrder> claimDue(int limit, ReconciliationProperties properties) {
    List<DueOrder> claimed =
        transactions.execute(
            tx -> {
              List<DueOrder> due =
                  jdbc.sql(
                          """
                          SELECT order_no, status,
                                 TIMESTAMPADD(MICROSECOND, :deadline, created_at)
                                   <= CURRENT_TIMESTAMP(3) AS expired,
                                 payment_started_at IS NOT NULL AS payment_started,
                                 reconcile_attempts AS checks
                            FROM orders
                           WHERE status = 'PENDING_PAYMENT'
                             AND (reconcile_lease_until IS NULL
                                  OR reconcile_lease_until < CURRENT_TIMESTAMP(3))
                             AND CASE
                                   WHEN payment_started_at IS NULL
                                     THEN TIMESTAMPADD(MICROSECOND, :deadline, created_at)
                                   WHEN reconcile_at IS NOT NULL
                                     THEN reconcile_at
                                   ELSE LEAST(
                                     TIMESTAMPADD(MICROSECOND, :queryAfter, payment_started_at),
                                     TIMESTAMPADD(MICROSECOND, :deadline, created_at))
                                 END <= CURRENT_TIMESTAMP(3)
                           ORDER BY created_at
                           LIMIT :limit
                             FOR UPDATE SKIP LOCKED
                          """)
                      .param("deadline", micros(properties.paymentDeadline()))
                      .param("queryAfter", micros(properties.queryAfter()))
                      .param("limit", limit)
                      .query(DueOrder.class)
                      .list();
              if (!due.isEmpty()) {
                jdbc.sql(
                        """
                        UPDATE orders
                           SET reconcile_lease_until = TIMESTAMPADD(MICROSECOND, :lease,
                                                                    CURRENT_TIMESTAMP(3))
                         WHERE order_no IN (:orders)
                        """)
                    .param("lease", micros(properties.lease()))
                    .param("orders", due.stream().map(DueOrder::orderNo).toList())
                    .update();
              }
              return due;
            });
    return claimed == null ? List.of() : claimed;
  }

  /**
   * Leases one order, whatever its schedule, for an operator's reconcile.
   *
   * @return empty when there is no such order; a lease of false when another instance (or operator)
   *     is asking about it right now
   */
  Optional<Leased> lease(String orderNo, ReconciliationProperties properties) {
    int leased =
        jdbc.sql(
                """
                UPDATE orders
                   SET reconcile_lease_until = TIMESTAMPADD(MICROSECOND, ?, CURRENT_TIMESTAMP(3))
                 WHERE order_no = ?
                   AND (reconcile_lease_until IS NULL
                        OR reconcile_lease_until < CURRENT_TIMESTAMP(3))
                """)
            .params(micros(properties.lease()), orderNo)
            .update();
    return jdbc.sql(
            """
            SELECT order_no, status,
                   TIMESTAMPADD(MICROSECOND, ?, created_at) <= CURRENT_TIMESTAMP(3) AS expired,
                   payment_started_at IS NOT NULL AS payment_started,
                   reconcile_attempts AS checks
              FROM orders WHERE order_no = ?
            """)
        .params(micros(properties.paymentDeadline()), orderNo)
        .query(DueOrder.class)
        .optional()
        .map(order -> new Leased(order, leased == 1));
  }

  record Leased(DueOrder order, boolean held) {}

  /**
   * Records what the gateways said and when to ask next ({@code interval} from now, but never later
   * than the order's deadline while that is still ahead), and gives up the lease.
   */
  void answered(String orderNo, String answer, Duration interval, Duration deadline) {
    jdbc.sql(
            """
            UPDATE orders
               SET reconcile_attempts = reconcile_attempts + 1,
                   reconciled_at = CURRENT_TIMESTAMP(3),
                   reconcile_answer = :answer,
                   reconcile_at =
                     CASE
                       WHEN TIMESTAMPADD(MICROSECOND, :deadline, created_at) > CURRENT_TIMESTAMP(3)
                         THEN LEAST(TIMESTAMPADD(MICROSECOND, :interval, CURRENT_TIMESTAMP(3)),
                                    TIMESTAMPADD(MICROSECOND, :deadline, created_at))
                       ELSE TIMESTAMPADD(MICROSECOND, :interval, CURRENT_TIMESTAMP(3))
                     END,
                   reconcile_lease_until = NULL
             WHERE order_no = :orderNo
            """)
        .param("answer", truncate(answer, 500))
        .param("deadline", micros(deadline))
        .param("interval", micros(interval))
        .param("orderNo", orderNo)
        .update();
  }

  /** Records what the gateways said when an operator asked, and gives up the lease. */
  void answeredNow(String orderNo, String answer) {
    jdbc.sql(
            """
            UPDATE orders
               SET reconciled_at = CURRENT_TIMESTAMP(3), reconcile_answer = ?,
                   reconcile_lease_until = NULL
             WHERE order_no = ?
            """)
        .params(truncate(answer, 500), orderNo)
        .update();
  }

  /** Where an order stands in the schedule, for operators. */
  Optional<Standing> standing(String orderNo) {
    return jdbc.sql(
            """
            SELECT order_no, status, created_at, payment_started_at, reconcile_at,
                   reconcile_attempts, reconciled_at, reconcile_answer
              FROM orders WHERE order_no = ?
            """)
        .param(orderNo)
        .query(
            (rs, row) ->
                new Standing(
                    rs.getString("order_no"),
                    rs.getString("status"),
                    instant(rs.getTimestamp("created_at")),
                    instant(rs.getTimestamp("payment_started_at")),
                    instant(rs.getTimestamp("reconcile_at")),
                    rs.getInt("reconcile_attempts"),
                    instant(rs.getTimestamp("reconciled_at")),
                    rs.getString("reconcile_answer")))
        .optional();
  }

  /**
   * @param nextCheckAt null before the first check (due query-after the payment started)
   * @param lastAnswer what the gateways said at the last check, and what was done
   */
  record Standing(
      String orderNo,
      String status,
      Instant createdAt,
      Instant paymentStartedAt,
      Instant nextCheckAt,
      int checks,
      Instant lastCheckedAt,
      String lastAnswer) {}

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static long micros(Duration duration) {
    return duration.toNanos() / 1000;
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
