package com.paycallback.gateway.wechatpay;

import com.paycallback.gateway.ConditionalOnChannel;
import com.paycallback.gateway.ConditionalOnConfigured;
import com.paycallback.gateway.GatewayHttp;
import com.paycallback.gateway.PaymentChannels;
import com.paycallback.gateway.TrustedKeys;
import com.paycallback.settlement.PaymentChannel;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@ConditionalOnChannel(PaymentChannels.WECHATPAY)
@Configuration(proxyBeanMethods = false)
class WechatPayConfig {

  /**
   * WeChat Pay's keys and the signature check over them: notices, and the answers of WeChat Pay's
   * API (refunds), which WeChat Pay signs the same way. Contributed keys (the simulated gateway's,
   * in sandbox) are trusted beside the configured ones.
   */
  @Bean
  WechatPaySignatureVerifier wechatPaySignatureVerifier(
      WechatPayProperties properties, ObjectProvider<TrustedKeys> trusted, Clock clock) {
    Map<String, String> publicKeys = new LinkedHashMap<>(properties.publicKeys());
    trusted
        .orderedStream()
        .forEach(t -> publicKeys.putAll(t.publicKeysPem(PaymentChannel.WECHATPAY.id())));
    WechatPayKeyring keyring = new WechatPayKeyring(publicKeys, properties.platformCertificates());
    if (properties.mchId() != null
        && !properties.mchId().isBlank()
        && keyring.serials().isEmpty()) {
      throw new IllegalStateException(
          "paycallback.channels.wechatpay.mch-id is set, so at least one of"
              + " paycallback.channels.wechatpay.public-keys or platform-certificates must be"
              + " configured");
    }
    return new WechatPaySignatureVerifier(keyring, properties.maxClockSkew(), clock);
  }

  @Bean
  @ConditionalOnConfigured("paycallback.channels.wechatpay.merchant-private-key")
  WechatPayRefundClient wechatPayRefundClient(
      WechatPayProperties properties, WechatPaySignatureVerifier wechatPayAnswers) {
    return new WechatPayRefundClient(
        properties, wechatPayAnswers, GatewayHttp.client(), Clock.systemUTC());
  }
}
