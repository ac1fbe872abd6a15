package com.paycallback.notice;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code payment_notices} audit trail: every webhook request, accepted or not. */
@Repository
public class NoticeAudit {

  private final JdbcClient jdbc;
  private final PayloadCipher cipher;

  NoticeAudit(JdbcClient jdbc, PayloadCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  /**
   * How much of a rejected request's body is kept: enough to see what was sent (the headers of a
   * form, the start of a JSON notice), not a 64 KiB row per forgery under a flood. Accepted notices
   * are kept whole: a dispute needs them.
   */
  static final int REJECTED_PAYLOAD_LIMIT = 4 * 1024;

  void record(
      NoticeSource source,
      String channel,
      String sourceIp,
      byte[] body,
      PaymentNotice notice,
      NoticeRejected rejection,
      ReasonCode reason) {
    boolean hasBody = body != null && body.length > 0;
    byte[] kept =
        hasBody
                && reason.outcome() == ReasonCode.Outcome.REJECTED
                && body.length > REJECTED_PAYLOAD_LIMIT
            ? Arrays.copyOf(body, REJECTED_PAYLOAD_LIMIT)
            : body;
    String transactionId =
        truncate(
            notice != null
                ? notice.transactionId()
                : rejection == null ? null : rejection.claimedTransactionId(),
            64);
    String orderNo =
        truncate(
            notice != null
                ? notice.orderNo()
                : rejection == null ? null : rejection.claimedOrderNo(),
            64);
    jdbc.sql(
            """
            INSERT INTO payment_notices (channel, transaction_id, order_no, amount, trade_status,
                                         source_ip, outcome, reason_code, payload_key_id,
                                         payload_ciphertext, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            channel,
            transactionId,
            orderNo,
            notice == null ? null : notice.amount(),
            notice == null ? null : truncate(notice.tradeStatus(), 32),
            sourceIp,
            reason.outcome().name(),
            reason.name(),
            hasBody ? cipher.currentKeyId() : null,
            hasBody ? cipher.encrypt(kept) : null,
            source.name())
        .update();
  }

  /**
   * Deletes up to {@code limit} of the oldest audit rows of one outcome received more than {@code
   * age} ago (the database's clock), in one statement: its own short transaction.
   *
   * @return how many rows it deleted; fewer than {@code limit} means none is left
   */
  public int forgetOlderThan(ReasonCode.Outcome outcome, Duration age, int limit) {
    return jdbc.sql(
            """
            DELETE FROM payment_notices
             WHERE outcome = ? AND received_at < TIMESTAMPADD(SECOND, ?, CURRENT_TIMESTAMP(3))
             ORDER BY received_at LIMIT ?
            """)
        .params(outcome.name(), -age.toSeconds(), limit)
        .update();
  }

  /**
   * Drops the encrypted payload of up to {@code limit} of the oldest audit rows of one outcome
   * received more than {@code age} ago; the row itself (who, when, why) stays.
   *
   * @return how many rows it stripped; fewer than {@code limit} means none is left
   */
  public int stripPayloadsOlderThan(ReasonCode.Outcome outcome, Duration age, int limit) {
    return jdbc.sql(
            """
            UPDATE payment_notices SET payload_ciphertext = NULL, payload_key_id = NULL
             WHERE outcome = ? AND received_at < TIMESTAMPADD(SECOND, ?, CURRENT_TIMESTAMP(3))
               AND payload_key_id IS NOT NULL
             ORDER BY received_at LIMIT ?
            """)
        .params(outcome.name(), -age.toSeconds(), limit)
        .update();
  }

  /** What a notice says is input, verified or not: never longer than its column. */
  private static String truncate(String text, int column) {
    return text == null || text.length() <= column ? text : text.substring(0, column);
  }

  /** The trail, newest first, filtered by whichever criteria are given. */
  public List<NoticeRow> find(
      String transactionId, String orderNo, String outcome, String reasonCode, int limit) {
    return jdbc.sql(
            """
            SELECT id, channel, transaction_id, order_no, amount, trade_status, source_ip,
                   outcome, reason_code, received_at, source
              FROM payment_notices
             WHERE (? IS NULL OR transaction_id = ?) AND (? IS NULL OR order_no = ?)
               AND (? IS NULL OR outcome = ?) AND (? IS NULL OR reason_code = ?)
             ORDER BY id DESC LIMIT ?
            """)
        .params(
            transactionId,
            transactionId,
            orderNo,
            orderNo,
            outcome,
            outcome,
            reasonCode,
            reasonCode,
            limit)
        .query(NoticeRow.class)
        .list();
  }

  /**
   * An audit row as operators see it; the encrypted payload stays in the database. A row of a query
   * answer ({@code source} QUERY) has no source address.
   */
  public record NoticeRow(
      long id,
      String channel,
      String transactionId,
      String orderNo,
      Long amount,
      String tradeStatus,
      String sourceIp,
      String outcome,
      String reasonCode,
      Instant receivedAt,
      NoticeSource source) {}
}
