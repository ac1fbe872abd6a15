package com.paycallback.refund;

/**
 * A channel's refund API. Implementations must be idempotent on {@link RefundRequest#refundKey()}:
 * the gateways are (Alipay {@code out_request_no}, WeChat Pay {@code out_refund_no}), so a retried
 * call never refunds twice. A failure throws {@link RefundFailed}; the saga retries it.
 */
public interface RefundGateway {

  /** Whether this gateway refunds payments made through {@code channel}. */
  boolean handles(String channel);

  RefundReceipt refund(RefundRequest request);
}
