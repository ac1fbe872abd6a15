package com.paycallback.inbox;

import com.paycallback.settlement.SettlementProgress;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.settlement.SettlementStatus;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code settlements} table, the saga's inbox: one row per transaction handed to the saga,
 * recorded by the notice pipeline and kept up to date by the saga's {@code recordProgress}. Its
 * only writer.
 */
public class SettlementRecords {

  private final JdbcClient jdbc;

  public SettlementRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records a settlement about to start.
   *
   * @return false when a row for this transaction exists already
   */
  public boolean insertIfAbsent(SettlementRequest request) {
    try {
      jdbc.sql(
              """
              INSERT INTO settlements (transaction_id, channel, order_no, amount, currency,
                                                paid_at, payer_ref, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'RUNNING')
                """)
          .params(
              request.transactionId(),
              request.channel(),
              request.orderNo(),
              request.paidAmount(),
              request.currency(),
              Timestamp.from(request.paidAt()),
              request.payerRef())
          .update();
      return true;
    } catch (DuplicateKeyException alreadyRecorded) {
      return false;
    }
  }

  public Optional<SettlementRecord> find(String transactionId) {
    return jdbc.sql(
            """
            SELECT transaction_id, channel, order_no, amount, currency, paid_at, payer_ref, status,
                   current_step, attempts, last_error, reason, created_at, updated_at
              FROM settlements WHERE transaction_id = ?
            """)
        .param(transactionId)
        .query(SettlementRecord.class)
        .optional();
  }

  /** Settlements the saga has not finished, oldest first. */
  public List<SettlementRecord> unfinished() {
    return jdbc.sql(
            """
            SELECT transaction_id, channel, order_no, amount, currency, paid_at, payer_ref, status,
                   current_step, attempts, last_error, reason, created_at, updated_at
              FROM settlements WHERE status NOT IN ('SETTLED', 'COMPENSATED')
             ORDER BY created_at
            """)
        .query(SettlementRecord.class)
        .list();
  }

  /** The newest settlements, of one status or (null) of all. */
  public List<SettlementRecord> byStatus(SettlementStatus status, int limit) {
    String wanted = status == null ? null : status.name();
    return jdbc.sql(
            """
            SELECT transaction_id, channel, order_no, amount, currency, paid_at, payer_ref, status,
                   current_step, attempts, last_error, reason, created_at, updated_at
              FROM settlements WHERE (? IS NULL OR status = ?)
             ORDER BY created_at DESC LIMIT ?
            """)
        .params(wanted, wanted, limit)
        .query(SettlementRecord.class)
        .list();
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
      Timestamp updatedAt) {

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
  }
}
