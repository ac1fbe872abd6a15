package com.paycallback.gateway.wechatpay;

import com.paycallback.crypto.PemKeys;
import com.paycallback.gateway.ConditionalOnChannel;
import com.paycallback.gateway.ConditionalOnConfigured;
import com.paycallback.gateway.GatewayHttp;
import com.paycallback.gateway.PaymentChannels;
import com.paycallback.gateway.TrustedKeys;
import com.paycallback.settlement.PaymentChannel;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

@ConditionalOnChannel(PaymentChannels.WECHATPAY)
@Configuration(proxyBeanMethods = false)
class WechatPayConfig {

  /**
   * WeChat Pay's keys and the signature check over them: notices, and the answers of WeChat Pay's
   * API, which WeChat Pay signs the same way. Contributed keys (the simulated gateway's, in
   * sandbox) are trusted beside the configured ones.
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

  /**
   * WeChat Pay's API as our merchant calls it: with the configured merchant key, or else, in the
   * sandbox, with the merchant the sandbox contributes (its simulated WeChat Pay API).
   */
  @Bean
  @Conditional(ApiReachable.class)
  WechatPayApi wechatPayApi(
      WechatPayProperties properties,
      WechatPaySignatureVerifier wechatPayAnswers,
      ObjectProvider<WechatPayMerchant> contributed) {
    WechatPayMerchant merchant =
        isSet(properties.merchantPrivateKey())
            ? new WechatPayMerchant(
                properties.mchId(),
                PemKeys.rsaPrivateKey(
                    properties.merchantPrivateKey(),
                    "paycallback.channels.wechatpay.merchant-private-key"),
                properties.merchantSerialNumber(),
                properties::apiBaseUrl)
            : contributed.getObject();
    return new WechatPayApi(merchant, wechatPayAnswers, GatewayHttp.client(), Clock.systemUTC());
  }

  @Bean
  @Conditional(ApiReachable.class)
  WechatPayRefundClient wechatPayRefundClient(WechatPayProperties properties, WechatPayApi api) {
    URI notifyUrl = properties.refundNotifyUrl();
    return new WechatPayRefundClient(
        api, notifyUrl == null || notifyUrl.toString().isBlank() ? null : notifyUrl);
  }

  @Bean
  @Conditional(ApiReachable.class)
  WechatPayTradeQueries wechatPayTradeQueries(WechatPayProperties properties, WechatPayApi api) {
    return new WechatPayTradeQueries(api, properties.appId());
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }

  /** The merchant's API key is configured, or the sandbox simulates WeChat Pay's API. */
  static class ApiReachable extends AnyNestedCondition {

    ApiReachable() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnConfigured("paycallback.channels.wechatpay.merchant-private-key")
    static class MerchantKeyConfigured {}

    @ConditionalOnProperty(name = "paycallback.sandbox.enabled", havingValue = "true")
    static class SandboxSimulatesTheApi {}
  }
}
