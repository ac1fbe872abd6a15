package com.paycallback.gateway.wechatpay;

import com.paycallback.notice.RefundNotice;
import java.time.Instant;

/**
 * The decrypted {@code refund} resource of a WeChat Pay API v3 refund notice, the fields the shop
 * uses.
 *
 * @param outRefundNo our key for the refund
 * @param refundId WeChat Pay's id for it
 * @param refundStatus {@code SUCCESS}, {@code ABNORMAL} or {@code CLOSED}
 * @param successTime {@code success_time}, null unless the refund succeeded
 * @param refund {@code amount.refund}, the refunded amount in fen
 * @param currency {@code amount.currency}, CNY when absent
 */
public record WechatPayRefund(
    String mchId,
    String outTradeNo,
    String transactionId,
    String outRefundNo,
    String refundId,
    String refundStatus,
    Instant successTime,
    long refund,
    String currency) {

  /** The event types of refund notices all start with this. */
  public static final String EVENT_TYPE_PREFIX = "REFUND.";

  public RefundNotice toRefundNotice() {
    return new RefundNotice(
        WechatPayTransaction.CHANNEL,
        transactionId,
        outTradeNo,
        outRefundNo,
        refundId,
        refundStatus,
        refund,
        currency,
        successTime);
  }
}
