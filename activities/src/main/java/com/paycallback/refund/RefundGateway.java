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

  /**
   * Asks the gateway how the refund of {@code request} stands (Alipay {@code
   * alipay.trade.fastpay.refund.query}, WeChat Pay {@code GET /v3/refund/domestic/refunds/{key}}).
   * A gateway whose protocol has no such call throws {@link RefundFailed}, as this default does.
   *
   * @return the refund as the gateway sees it now; its status is one of {@link RefundReceipt}'s
   */
  default RefundReceipt queryRefund(RefundRequest request) {
    throw new RefundFailed("the " + request.channel() + " refund client cannot query refunds");
  }
}
