package com.paycallback.notify.wechatpay;

import com.paycallback.notify.ConstantTime;
import com.paycallback.notify.NonceRegistry;
import com.paycallback.notify.NoticeChannel;
import com.paycallback.notify.NoticeRejected;
import com.paycallback.notify.NoticeTransport;
import com.paycallback.notify.PaymentNotice;
import com.paycallback.notify.ReasonCode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/** WeChat Pay API v3's notice: a signed JSON envelope around an encrypted transaction. */
@Component
class WechatPayNoticeChannel implements NoticeChannel {

  private final WechatPayProperties properties;
  private final WechatPayNoticeAuthenticator authenticator;
  private final Optional<WechatPayResourceDecryptor> decryptor;
  private final NonceRegistry nonces;
  private final List<IpAddressMatcher> allowedIps;

  WechatPayNoticeChannel(
      WechatPayProperties properties,
      WechatPayNoticeAuthenticator authenticator,
      NonceRegistry nonces) {
    this.properties = properties;
    this.authenticator = authenticator;
    this.decryptor =
        Optional.ofNullable(properties.apiV3Key())
            .filter(key -> !key.isBlank())
            .map(WechatPayResourceDecryptor::new);
    if (properties.mchId() != null && !properties.mchId().isBlank() && decryptor.isEmpty()) {
      throw new IllegalStateException(
          "paycallback.channels.wechatpay.mch-id is set, so paycallback.channels.wechatpay"
              + ".api-v3-key must be configured");
    }
    this.nonces = nonces;
    this.allowedIps = NoticeTransport.matchers(properties.allowedIps());
  }

  @Override
  public String name() {
    return WechatPayTransaction.CHANNEL;
  }

  @Override
  public MediaType contentType() {
    return MediaType.APPLICATION_JSON;
  }

  @Override
  public List<IpAddressMatcher> allowedIps() {
    return allowedIps;
  }

  @Override
  public PaymentNotice authenticate(HttpServletRequest request, byte[] body) {
    WechatPaySignedRequest signed =
        authenticator.authenticate(WechatPayHeaders.from(request::getHeader), body);
    nonces.claim(request, name(), signed.nonce(), signed.timestamp(), properties.maxClockSkew());
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
