package com.paycallback.gateway.wechatpay;

import com.paycallback.notice.PaymentNotice;

/**
 * A WeChat Pay API v3 payment notice with its resource decrypted.
 *
 * @param id the notice id (the same across WeChat Pay's retries of one notice)
 * @param createTime {@code create_time} as sent (RFC 3339)
 * @param eventType e.g. {@code TRANSACTION.SUCCESS}
 * @param resourceType e.g. {@code encrypt-resource}, may be null
 * @param summary may be null
 * @param algorithm the resource's AEAD
 * @param transaction the decrypted resource
 */
public record WechatPayNotification(
    String id,
    String createTime,
    String eventType,
    String resourceType,
    String summary,
    WechatPayCipherAlgorithm algorithm,
    WechatPayTransaction transaction) {

  public PaymentNotice toPaymentNotice() {
    return transaction.toPaymentNotice();
  }
}
