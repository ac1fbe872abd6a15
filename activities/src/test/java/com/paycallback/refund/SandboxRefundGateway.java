package com.paycallback.refund;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The saga tests' stand-in for a gateway's refund API: it books each refund in {@code
 * sandbox_refunds}, once per refund key, as the service's simulated gateway does (that one lives in
 * the api module's sandbox, out of these tests' reach). It answers with the booked refund's status,
 * SUCCESS unless a test booked the refund beforehand with another one (a gateway still processing
 * it, or one that gave it up) or changed it since.
 */
public class SandboxRefundGateway implements RefundGateway {

  private final JdbcClient jdbc;

  public SandboxRefundGateway(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean handles(String channel) {
    return true;
  }

  @Override
  public RefundReceipt refund(RefundRequest request) {
    try {
      jdbc.sql(
              """
              INSERT INTO sandbox_refunds (refund_key, channel, transaction_id, order_no, amount,
                                           currency, reason)
              VALUES (?, ?, ?, ?, ?, ?, ?)
              """)
          .params(
              request.refundKey(),
              request.channel(),
              request.transactionId(),
              request.orderNo(),
              request.amount(),
              request.currency(),
              truncate(request.reason()))
          .update();
    } catch (DuplicateKeyException alreadyRefunded) {
      // The same key again: the refund stands as booked the first time, nothing more is paid out.
    }
    return queryRefund(request);
  }

  @Override
  public RefundReceipt queryRefund(RefundRequest request) {
    return jdbc.sql("SELECT status FROM sandbox_refunds WHERE refund_key = ?")
        .param(request.refundKey())
        .query(String.class)
        .optional()
        .map(status -> new RefundReceipt(request.refundKey(), status))
        .orElseThrow(() -> new RefundFailed("no refund " + request.refundKey() + " was booked"));
  }

  private static String truncate(String reason) {
    return reason == null || reason.length() <= 300 ? reason : reason.substring(0, 300);
  }
}
