package com.paycallback.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paycallback.refund.RefundReceipt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The simulated WeChat Pay's refunds (embedded default only), booked in {@code sandbox_refunds}
 * once per {@code out_refund_no}. Like WeChat Pay's, a refund is accepted PROCESSING and completes
 * later: after {@code paycallback.sandbox.refund-delay} it becomes SUCCESS (or the outcome set for
 * the next refund, ABNORMAL or CLOSED) and a {@code REFUND.*} notice goes to the request's {@code
 * notify_url}. A refund pending when the service stops stays PROCESSING: the simulator keeps its
 * timers in memory only.
 */
final class WechatPaySimulatedRefunds implements AutoCloseable {

  static final Set<String> OUTCOMES =
      Set.of(RefundReceipt.SUCCESS, RefundReceipt.ABNORMAL, RefundReceipt.CLOSED);

  private static final Logger log = LoggerFactory.getLogger(WechatPaySimulatedRefunds.class);
  private static final String CHANNEL = "wechatpay";
  private static final Map<String, String> SUMMARIES =
      Map.of(
          RefundReceipt.SUCCESS, "退款成功",
          RefundReceipt.ABNORMAL, "退款异常",
          RefundReceipt.CLOSED, "退款关闭");

  /** A refund as the simulated WeChat Pay holds it. */
  record Refund(
      String outRefundNo,
      String transactionId,
      String orderNo,
      long amount,
      long total,
      String currency,
      String status,
      Instant createdAt) {

    Refund withTotal(long paidTotal) {
      return new Refund(
          outRefundNo, transactionId, orderNo, amount, paidTotal, currency, status, createdAt);
    }

    /** WeChat Pay's refund id: digits, the same for every look at one refund. */
    String refundId() {
      UUID digest = UUID.nameUUIDFromBytes(outRefundNo.getBytes(StandardCharsets.UTF_8));
      return "503" + Long.toUnsignedString(digest.getMostSignificantBits());
    }
  }

  private final JdbcClient jdbc;
  private final Duration delay;
  private final ScheduledExecutorService timers =
      Executors.newScheduledThreadPool(
          2,
          task -> {
            Thread thread = new Thread(task, "sandbox-wechatpay-refunds");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicReference<String> nextOutcome = new AtomicReference<>(RefundReceipt.SUCCESS);

  WechatPaySimulatedRefunds(JdbcClient jdbc, Duration delay) {
    this.jdbc = jdbc;
    this.delay = delay;
  }

  /** The outcome the next refund booked reaches, once (then SUCCESS again). */
  void setNextOutcome(String outcome) {
    if (!OUTCOMES.contains(outcome)) {
      throw new IllegalArgumentException("a refund ends " + OUTCOMES);
    }
    nextOutcome.set(outcome);
  }

  /**
   * Books the refund PROCESSING and schedules its outcome; a refund already booked under the same
   * {@code out_refund_no} stands as it is, and nothing more is scheduled.
   *
   * @param complete called once the outcome is recorded, with the refund as it then stands
   * @return the refund as booked
   */
  Refund book(Refund refund, String reason, Consumer<Refund> complete) {
    try {
      jdbc.sql(
              """
              INSERT INTO sandbox_refunds (refund_key, channel, transaction_id, order_no, amount,
                                           currency, reason, status)
              VALUES (?, ?, ?, ?, ?, ?, ?, 'PROCESSING')
              """)
          .params(
              refund.outRefundNo(),
              CHANNEL,
              refund.transactionId(),
              refund.orderNo(),
              refund.amount(),
              refund.currency(),
              reason == null || reason.length() <= 300 ? reason : reason.substring(0, 300))
          .update();
    } catch (DuplicateKeyException alreadyBooked) {
      return find(refund.outRefundNo()).orElseThrow().withTotal(refund.total());
    }
    String outcome = nextOutcome.getAndSet(RefundReceipt.SUCCESS);
    timers.schedule(
        () -> finish(refund.outRefundNo(), outcome, refund.total(), complete),
        delay.toMillis(),
        TimeUnit.MILLISECONDS);
    return find(refund.outRefundNo()).orElseThrow().withTotal(refund.total());
  }

  /** The refund booked under {@code outRefundNo}; its total is its amount until told otherwise. */
  Optional<Refund> find(String outRefundNo) {
    return jdbc.sql(
            """
            SELECT refund_key, transaction_id, order_no, amount, currency, status, received_at
              FROM sandbox_refunds WHERE refund_key = ? AND channel = ?
            """)
        .params(outRefundNo, CHANNEL)
        .query(
            (rs, row) ->
                new Refund(
                    rs.getString("refund_key"),
                    rs.getString("transaction_id"),
                    rs.getString("order_no"),
                    rs.getLong("amount"),
                    rs.getLong("amount"),
                    rs.getString("currency"),
                    rs.getString("status"),
                    rs.getTimestamp("received_at").toInstant()))
        .optional();
  }

  private void finish(String outRefundNo, String outcome, long total, Consumer<Refund> done) {
    try {
      int finished =
          jdbc.sql(
                  "UPDATE sandbox_refunds SET status = ? WHERE refund_key = ? AND status = 'PROCESSING'")
              .params(outcome, outRefundNo)
              .update();
      if (finished == 1) {
        find(outRefundNo).map(refund -> refund.withTotal(total)).ifPresent(done);
      }
    } catch (RuntimeException e) {
      log.warn("sandbox WeChat Pay refund {} did not complete: {}", outRefundNo, e.toString());
    }
  }

  /**
   * The decrypted resource of a {@code REFUND.*} notice, as WeChat Pay writes it.
   *
   * @param mchId the merchant the refund belongs to
   * @param successTime when the refund completed; only a SUCCESS carries it
   */
  static String noticeResource(String mchId, Refund refund, Instant successTime) {
    ObjectNode resource = JsonNodeFactory.instance.objectNode();
    resource.put("mchid", mchId);
    resource.put("out_trade_no", refund.orderNo());
    resource.put("transaction_id", refund.transactionId());
    resource.put("out_refund_no", refund.outRefundNo());
    resource.put("refund_id", refund.refundId());
    resource.put("refund_status", refund.status());
    if (RefundReceipt.SUCCESS.equals(refund.status())) {
      resource.put("success_time", chinaTime(successTime));
    }
    resource.put("user_received_account", "支付用户零钱");
    ObjectNode amount = resource.putObject("amount");
    amount.put("total", refund.total());
    amount.put("refund", refund.amount());
    amount.put("payer_total", refund.total());
    amount.put("payer_refund", refund.amount());
    return resource.toString();
  }

  /** The event type and summary of the notice announcing the refund's outcome. */
  static String eventType(Refund refund) {
    return "REFUND." + refund.status();
  }

  static String summary(Refund refund) {
    return SUMMARIES.getOrDefault(refund.status(), refund.status());
  }

  /** RFC 3339 in China Standard Time, to the second, as WeChat Pay writes times. */
  static String chinaTime(Instant time) {
    return time.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.ofHours(8)).toString();
  }

  @Override
  public void close() {
    timers.shutdownNow();
  }
}
