package com.paycallback.inbox;

import com.paycallback.settlement.SettlementProgress;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.settlement.SettlementStatus;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code settlements} table, the saga's inbox: one row per transaction handed to the saga,
 * recorded by the notice pipeline in the same transaction as the notice's audit row, started by the
 * dispatcher ({@code dispatched_at}), and kept up to date by the saga's {@code recordProgress}. Its
 * only writer.
 */
public class SettlementRecords {

  private static final String COLUMNS =
      """
      transaction_id, channel, order_no, amount, currency, paid_at, payer_ref, status,
      current_step, attempts, last_error, reason, created_at, updated_at, dispatched_at
      """;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public SettlementRecords(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    // READ COMMITTED: a sweep's claim (FOR UPDATE SKIP LOCKED) is held while Temporal answers the
    // starts. Under REPEATABLE READ it also locked the gap after the rows it read, where every new
    // notice's row lands: hand-offs waited on it and failed (503) whenever Temporal was slow. Read
    // committed locks the claimed rows only.
    this.transactions = new TransactionTemplate(transactions.getTransactionManager(), transactions);
    this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
  }

  /**
   * Records a settlement about to start.
   *
   * @return false when a row for this transaction exists already
   */
  public boolean insertIfAbsent(SettlementRequest request) {
    return insertIfAbsent(request, "NOTICE");
  }

  /**
   * Records a settlement about to start, learnt from the gateway's notice or its answer to a trade
   * query.
   *
   * @param source {@code NOTICE} or {@code QUERY}
   * @return false when a row for this transaction exists already
   */
  public boolean insertIfAbsent(SettlementRequest request, String source) {
    try {
      jdbc.sql(
              """
              INSERT INTO settlements (transaction_id, channel, order_no, amount, currency,
                                                paid_at, payer_ref, status, source)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?)
                """)
          .params(
              request.transactionId(),
              request.channel(),
              request.orderNo(),
              request.paidAmount(),
              request.currency(),
              Timestamp.from(request.paidAt()),
              request.payerRef(),
              source)
          .update();
      return true;
    } catch (DuplicateKeyException alreadyRecorded) {
      return false;
    }
  }

  public Optional<SettlementRecord> find(String transactionId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM settlements WHERE transaction_id = ?")
        .param(transactionId)
        .query(SettlementRecord.class)
        .optional();
  }

  /** The newest settlements, of one status or (null) of all. */
  public List<SettlementRecord> byStatus(SettlementStatus status, int limit) {
    String wanted = status == null ? null : status.name();
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM settlements WHERE (? IS NULL OR status = ?)"
                + " ORDER BY created_at DESC LIMIT ?")
        .params(wanted, wanted, limit)
        .query(SettlementRecord.class)
        .list();
  }

  /**
   * Claims up to {@code limit} rows whose workflow has not been started, oldest first, skipping
   * rows another instance has claimed, hands them to {@code start} and stamps those it started. The
   * claim is held while starting: another sweeper skips these rows instead of starting them twice.
   * Rows {@code start} could not start (Temporal down) wait for the next sweep.
   *
   * @param start starts the settlements and returns the transaction ids it started (or found
   *     started)
   * @return how many rows were stamped as started
   */
  public int dispatchPending(
      int limit, Function<List<SettlementRequest>, Collection<String>> start) {
    Integer stamped =
        transactions.execute(
            tx -> {
              List<SettlementRequest> pending =
                  jdbc
                      .sql(
                          "SELECT "
                              + COLUMNS
                              + """
                               FROM settlements WHERE dispatched_at IS NULL
                              ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED
                              """)
                      .param(limit)
                      .query(SettlementRecord.class)
                      .list()
                      .stream()
                      .map(SettlementRecord::toRequest)
                      .toList();
              if (pending.isEmpty()) {
                return 0;
              }
              Collection<String> started = start.apply(pending);
              started.forEach(this::markDispatched);
              return started.size();
            });
    return stamped == null ? 0 : stamped;
  }

  /**
   * Every unfinished settlement is to be started again: Temporal was started empty (the embedded
   * test server keeps its workflows in memory only).
   */
  public int forgetDispatches() {
    return jdbc.sql(
            """
            UPDATE settlements SET dispatched_at = NULL, checked_at = NULL
             WHERE status NOT IN ('SETTLED', 'COMPENSATED') AND dispatched_at IS NOT NULL
            """)
        .update();
  }

  /** The settlement's workflow was started (or existed already). */
  public void markDispatched(String transactionId) {
    jdbc.sql(
            """
            UPDATE settlements SET dispatched_at = CURRENT_TIMESTAMP(3), checked_at = NULL
             WHERE transaction_id = ? AND dispatched_at IS NULL
            """)
        .param(transactionId)
        .update();
  }

  /**
   * Unfinished settlements whose workflow was started at least {@code idle} ago and that nobody has
   * asked Temporal about since, longest unchecked first.
   */
  public List<String> dueForCheck(Duration idle, int limit) {
    return jdbc.sql(
            """
            SELECT transaction_id FROM settlements
             WHERE status NOT IN ('SETTLED', 'COMPENSATED') AND dispatched_at IS NOT NULL
               AND COALESCE(checked_at, dispatched_at)
                   <= TIMESTAMPADD(MICROSECOND, ?, CURRENT_TIMESTAMP(3))
             ORDER BY COALESCE(checked_at, dispatched_at) LIMIT ?
            """)
        .params(-idle.toNanos() / 1000, limit)
        .query(String.class)
        .list();
  }

  /** Temporal says the settlement's workflow is alive (or done): check again later. */
  public void markChecked(String transactionId) {
    jdbc.sql("UPDATE settlements SET checked_at = CURRENT_TIMESTAMP(3) WHERE transaction_id = ?")
        .param(transactionId)
        .update();
  }

  /** Temporal has no workflow for this settlement (an embedded Temporal forgot it): start again. */
  public void redispatch(String transactionId) {
    jdbc.sql(
            """
            UPDATE settlements SET dispatched_at = NULL, checked_at = NULL
             WHERE transaction_id = ? AND status NOT IN ('SETTLED', 'COMPENSATED')
            """)
        .param(transactionId)
        .update();
  }

  /**
   * The settlement's workflow ended without finishing (failed, terminated, timed out): it waits for
   * an operator's restart.
   */
  public void markEndedUnfinished(String transactionId, String why) {
    jdbc.sql(
            """
            UPDATE settlements
               SET status = 'NEEDS_ATTENTION', last_error = ?, checked_at = CURRENT_TIMESTAMP(3),
                   updated_at = CURRENT_TIMESTAMP(3)
             WHERE transaction_id = ? AND status NOT IN ('SETTLED', 'COMPENSATED')
            """)
        .params(truncate(why, 1000), transactionId)
        .update();
  }

  /** An operator started a new run of the settlement's workflow. */
  public void markRestarted(String transactionId) {
    jdbc.sql(
            """
            UPDATE settlements
               SET status = 'RUNNING', last_error = NULL, dispatched_at = CURRENT_TIMESTAMP(3),
                   checked_at = NULL, updated_at = CURRENT_TIMESTAMP(3)
             WHERE transaction_id = ?
            """)
        .param(transactionId)
        .update();
  }

  /** Mirrors the saga's progress into the settlement's row. */
  public void recordProgress(SettlementProgress progress) {
    jdbc.sql(
            """
            UPDATE settlements
               SET status = ?, current_step = ?, attempts = ?, last_error = ?,
                   reason = COALESCE(reason, ?), updated_at = CURRENT_TIMESTAMP(3)
             WHERE transaction_id = ?
            """)
        .params(
            progress.status().name(),
            progress.step(),
            progress.attempts(),
            truncate(progress.lastError(), 1000),
            truncate(progress.reason(), 300),
            progress.transactionId())
        .update();
  }

  /**
   * Deletes up to {@code limit} of the settlements that finished as {@code status} more than {@code
   * age} ago (the database's clock), oldest first, in one short transaction: {@code dependents}
   * deletes their rows in other tables (ledger, operator decisions) on the same connection first.
   * Rows another instance is deleting are skipped, not waited for.
   *
   * @param status SETTLED or COMPENSATED; an unfinished settlement is never deleted
   * @return how many settlements it deleted; fewer than {@code limit} means none is left
   */
  public int forgetFinished(
      SettlementStatus status, Duration age, int limit, Consumer<List<String>> dependents) {
    if (!status.isFinal()) {
      throw new IllegalArgumentException(status + " is not a finished settlement's status");
    }
    Integer deleted =
        transactions.execute(
            tx -> {
              List<String> finished =
                  jdbc.sql(
                          """
                          SELECT transaction_id FROM settlements
                           WHERE status = ?
                             AND updated_at < TIMESTAMPADD(SECOND, ?, CURRENT_TIMESTAMP(3))
                           ORDER BY updated_at LIMIT ? FOR UPDATE SKIP LOCKED
                          """)
                      .params(status.name(), -age.toSeconds(), limit)
                      .query(String.class)
                      .list();
              if (finished.isEmpty()) {
                return 0;
              }
              dependents.accept(finished);
              jdbc.sql(
                      "DELETE FROM settlements WHERE transaction_id IN (:ids) AND status = :status")
                  .param("ids", finished)
                  .param("status", status.name())
                  .update();
              return finished.size();
            });
    return deleted == null ? 0 : deleted;
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  /** A settlements row; {@code reason} says why it was compensated, when it was. */
  public record SettlementRecord(
      String transactionId,
      String channel,
      String orderNo,
      long amount,
      String currency,
      Timestamp paidAt,
      String payerRef,
      SettlementStatus status,
      String currentStep,
      int attempts,
      String lastError,
      String reason,
      Timestamp createdAt,
      Timestamp updatedAt,
      Timestamp dispatchedAt) {

    public SettlementRequest toRequest() {
      return new SettlementRequest(
          channel, transactionId, orderNo, amount, currency, paidAt.toInstant(), payerRef);
    }

    /** Where the saga last reported this settlement to be. */
    public SettlementProgress progress() {
      return new SettlementProgress(
          transactionId, status, currentStep, attempts, lastError, reason);
    }

    public boolean finished() {
      return status.isFinal();
    }

    /** Whether the dispatcher has started (or found) this settlement's workflow. */
    public boolean dispatched() {
      return dispatchedAt != null;
    }
  }
}
