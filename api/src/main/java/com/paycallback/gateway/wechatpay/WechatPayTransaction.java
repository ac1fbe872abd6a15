package com.paycallback.gateway.wechatpay;

import com.paycallback.notice.PaymentNotice;
import com.paycallback.settlement.PaymentChannel;
import java.time.Instant;

/**
 * The decrypted {@code transaction} resource of a payment notice, the fields the shop uses.
 *
 * @param tradeState {@code SUCCESS} means paid; {@code REFUND}, {@code NOTPAY}, {@code CLOSED},
 *     {@code REVOKED}, {@code USERPAYING}, {@code PAYERROR} do not
 * @param successTime {@code success_time}; present whenever the trade state is SUCCESS, may be null
 *     otherwise
 * @param payerOpenId {@code payer.openid}, null when absent
 * @param total {@code amount.total}, the order amount in fen
 * @param currency {@code amount.currency}, CNY when absent
 * @param payerTotal {@code amount.payer_total}, what the buyer paid after discounts, in fen; null
 *     when absent
 */
public record WechatPayTransaction(
    String appId,
    String mchId,
    String outTradeNo,
    String transactionId,
    String tradeState,
    Instant successTime,
    String payerOpenId,
    long total,
    String currency,
    Long payerTotal) {

  public static final String CHANNEL = PaymentChannel.WECHATPAY.id();
  public static final String TRADE_STATE_SUCCESS = "SUCCESS";

  public boolean paid() {
    return TRADE_STATE_SUCCESS.equals(tradeState);
  }

  /**
   * In the shop's terms. The amount is {@code amount.total}: the order amount, which the pipeline
   * compares with the order's payable amount (coupons of WeChat Pay's own only lower payer_total).
   */
  public PaymentNotice toPaymentNotice() {
    return new PaymentNotice(
        CHANNEL,
        transactionId,
        outTradeNo,
        total,
        currency,
        paid(),
        tradeState,
        successTime,
        payerOpenId);
  }
}
