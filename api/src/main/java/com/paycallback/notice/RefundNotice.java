package com.paycallback.notice;

import java.time.Instant;

/**
 * A gateway's notice about a refund (WeChat Pay's {@code REFUND.SUCCESS / ABNORMAL / CLOSED}),
 * proven genuine, in the shop's terms.
 *
 * @param channel the channel's id
 * @param transactionId the refunded payment's transaction id: the settlement's workflow id
 * @param orderNo our order number ({@code out_trade_no})
 * @param refundKey our key for the refund ({@code out_refund_no})
 * @param gatewayRefundId the gateway's id for the refund
 * @param status {@code SUCCESS}, {@code ABNORMAL} or {@code CLOSED}
 * @param amount the refunded amount in minor units
 * @param currency ISO 4217
 * @param refundedAt when the money went back ({@code success_time}), null unless SUCCESS
 */
public record RefundNotice(
    String channel,
    String transactionId,
    String orderNo,
    String refundKey,
    String gatewayRefundId,
    String status,
    long amount,
    String currency,
    Instant refundedAt) {

  /**
   * As the audit trail records a notice: its status column reads {@code REFUND.<status>}, so a
   * refund notice is never taken for a payment's.
   */
  PaymentNotice audited() {
    return new PaymentNotice(
        channel,
        transactionId,
        orderNo,
        amount,
        currency,
        false,
        "REFUND." + status,
        refundedAt,
        null);
  }
}
