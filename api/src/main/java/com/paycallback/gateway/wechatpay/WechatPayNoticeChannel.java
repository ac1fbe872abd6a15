package com.paycallback.gateway.wechatpay;

import com.paycallback.crypto.ConstantTime;
import com.paycallback.gateway.ConditionalOnChannel;
import com.paycallback.gateway.PaymentChannels;
import com.paycallback.notice.NoticeChannel;
import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.PaymentNotice;
import com.paycallback.notice.ReasonCode;
import com.paycallback.notice.RefundNotice;
import com.paycallback.notice.ReplayKey;
import com.paycallback.notice.StrictJson;
import com.paycallback.notice.VerifiedNotice;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * WeChat Pay API v3's notice: a signed JSON envelope around an encrypted transaction, or, for the
 * {@code REFUND.*} event types, around an encrypted refund.
 */
@ConditionalOnChannel(PaymentChannels.WECHATPAY)
@Component
class WechatPayNoticeChannel implements NoticeChannel {

  private final WechatPayProperties properties;
  private final WechatPaySignatureVerifier signatures;
  private final Optional<WechatPayResourceDecryptor> decryptor;
  private final Transport transport;

  WechatPayNoticeChannel(WechatPayProperties properties, WechatPaySignatureVerifier signatures) {
    this.properties = properties;
    this.signatures = signatures;
    this.decryptor =
        Optional.ofNullable(properties.apiV3Key())
            .filter(key -> !key.isBlank())
            .map(WechatPayResourceDecryptor::new);
    if (properties.mchId() != null && !properties.mchId().isBlank() && decryptor.isEmpty()) {
      throw new IllegalStateException(
          "paycallback.channels.wechatpay.mch-id is set, so paycallback.channels.wechatpay"
              + ".api-v3-key must be configured");
    }
    this.transport =
        Transport.of(
            WechatPayTransaction.CHANNEL, MediaType.APPLICATION_JSON, properties.allowedIps());
  }

  @Override
  public Transport transport() {
    return transport;
  }

  @Override
  public VerifiedNotice authenticate(HttpServletRequest request, byte[] body) {
    WechatPaySignedRequest signed =
        signatures.verify(WechatPayHeaders.from(request::getHeader), body);
    ReplayKey replayKey =
        new ReplayKey(signed.nonce(), signed.timestamp(), properties.maxClockSkew());
    return refundEvent(body)
        ? VerifiedNotice.refund(replayKey, () -> readRefund(body))
        : VerifiedNotice.replayable(replayKey, () -> read(body));
  }

  /**
   * Whether the signed envelope announces a refund. A glance only: an envelope that does not parse
   * is read as a payment notice, whose reading refuses it as before.
   */
  private static boolean refundEvent(byte[] body) {
    try {
      String eventType = StrictJson.optionalText(StrictJson.object(body, "notice"), "event_type");
      return eventType != null && eventType.startsWith(WechatPayRefund.EVENT_TYPE_PREFIX);
    } catch (NoticeRejected malformed) {
      return false;
    }
  }

  private RefundNotice readRefund(byte[] body) {
    WechatPayRefund refund = decryptor().decryptRefund(body);
    if (!ConstantTime.equal(properties.mchId(), refund.mchId())) {
      throw new NoticeRejected(ReasonCode.MERCHANT_MISMATCH, "mchid is not ours")
          .claiming(refund.transactionId(), refund.outTradeNo());
    }
    return refund.toRefundNotice();
  }

  private WechatPayResourceDecryptor decryptor() {
    return decryptor.orElseThrow(
        () -> new NoticeRejected(ReasonCode.DECRYPTION_FAILED, "no APIv3 key configured"));
  }

  private PaymentNotice read(byte[] body) {
    WechatPayTransaction transaction = decryptor().decrypt(body).transaction();
    try {
      if (!ConstantTime.equal(properties.mchId(), transaction.mchId())) {
        throw new NoticeRejected(ReasonCode.MERCHANT_MISMATCH, "mchid is not ours");
      }
      if (!ConstantTime.equal(properties.appId(), transaction.appId())) {
        throw new NoticeRejected(ReasonCode.APP_ID_MISMATCH, "appid is not ours");
      }
    } catch (NoticeRejected rejected) {
      throw rejected.claiming(transaction.transactionId(), transaction.outTradeNo());
    }
    return transaction.toPaymentNotice();
  }
}
