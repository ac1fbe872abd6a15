package com.paycallback.settlement;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code settlements} table: one row per transaction handed to the saga. */
@Repository
public class SettlementRecords {

  private final JdbcClient jdbc;

  SettlementRecords(JdbcClient jdbc) {
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

  public List<SettlementRecord> byStatus(String status, int limit) {
    return jdbc.sql(
            """
            SELECT transaction_id, channel, order_no, amount, currency, paid_at, payer_ref, status,
                   current_step, attempts, last_error, reason, created_at, updated_at
              FROM settlements WHERE (? IS NULL OR status = ?)
             ORDER BY created_at DESC LIMIT ?
            """)
        .params(status, status, limit)
        .query(SettlementRecord.class)
        .list();
  }

  public List<LedgerEntry> ledger(String transactionId) {
    return jdbc.sql(
            """
            SELECT step, result, applied_at FROM settlement_steps
             WHERE transaction_id = ? ORDER BY applied_at, step
            """)
        .param(transactionId)
        .query(LedgerEntry.class)
        .list();
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
      String status,
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

    public boolean finished() {
      return SettlementStatus.valueOf(status).isFinal();
    }
  }

  /** A step the ledger recorded as applied. */
  public record LedgerEntry(String step, String result, Timestamp appliedAt) {}
}
