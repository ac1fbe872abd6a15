package com.paycallback.gateway.wechatpay;

import com.paycallback.crypto.ConstantTime;
import com.paycallback.gateway.ConditionalOnChannel;
import com.paycallback.gateway.PaymentChannels;
import com.paycallback.notice.NoticeChannel;
import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.PaymentNotice;
import com.paycallback.notice.ReasonCode;
import com.paycallback.notice.ReplayKey;
import com.paycallback.notice.VerifiedNotice;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** WeChat Pay API v3's notice: a signed JSON envelope around an encrypted transaction. */
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
    return VerifiedNotice.replayable(
        new ReplayKey(signed.nonce(), signed.timestamp(), properties.maxClockSkew()),
        () -> read(body));
  }

  private PaymentNotice read(byte[] body) {
    WechatPayTransaction transaction =
        decryptor
            .orElseThrow(
                () -> new NoticeRejected(ReasonCode.DECRYPTION_FAILED, "no APIv3 key configured"))
            .decrypt(body)
            .transaction();
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
