package com.paycallback.notice;

import java.time.Instant;

/**
 * A notice whose authenticity the channel has proven, in the shop's terms.
 *
 * @param channel {@code alipay}, {@code wechatpay} or {@code generic}
 * @param transactionId the gateway's transaction id (Alipay trade_no, WeChat transaction_id)
 * @param orderNo our order number (out_trade_no)
 * @param amount paid amount in minor units
 * @param currency ISO 4217
 * @param paid whether the status means the buyer paid (Alipay TRADE_SUCCESS / TRADE_FINISHED,
 *     WeChat SUCCESS)
 * @param tradeStatus the gateway's status word, as sent
 * @param paidAt when the gateway says the buyer paid
 * @param payerId the payer's id at the gateway; never leaves the pipeline in clear text
 */
public record PaymentNotice(
    String channel,
    String transactionId,
    String orderNo,
    long amount,
    String currency,
    boolean paid,
    String tradeStatus,
    Instant paidAt,
    String payerId) {}
