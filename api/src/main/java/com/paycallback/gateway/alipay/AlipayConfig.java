package com.paycallback.gateway.alipay;

import com.paycallback.crypto.PemKeys;
import com.paycallback.gateway.ConditionalOnChannel;
import com.paycallback.gateway.ConditionalOnConfigured;
import com.paycallback.gateway.GatewayHttp;
import com.paycallback.gateway.PaymentChannels;
import com.paycallback.gateway.TrustedKeys;
import com.paycallback.settlement.PaymentChannel;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;

@ConditionalOnChannel(PaymentChannels.ALIPAY)
@Configuration(proxyBeanMethods = false)
class AlipayConfig {

  /**
   * The configured Alipay keys, plus any contributed ones (the simulated gateway's, in sandbox).
   */
  @Bean
  AlipayKeys alipayKeys(
      AlipayProperties properties, ObjectProvider<TrustedKeys> trusted, ResourceLoader resources) {
    List<PublicKey> keys = new ArrayList<>();
    properties.publicKeys().forEach(key -> keys.add(PemKeys.rsaPublicKey(key)));
    if (properties.publicCert() != null && !properties.publicCert().isBlank()) {
      keys.add(certificateKey(properties.publicCert(), resources));
    }
    trusted
        .orderedStream()
        .forEach(
            t ->
                t.publicKeysPem(PaymentChannel.ALIPAY.id())
                    .values()
                    .forEach(pem -> keys.add(PemKeys.rsaPublicKey(pem))));
    if (properties.appId() != null && !properties.appId().isBlank() && keys.isEmpty()) {
      throw new IllegalStateException(
          "paycallback.channels.alipay.app-id is set but no paycallback.channels.alipay.public-keys"
              + " are configured: every Alipay notice would be refused");
    }
    return new AlipayKeys(keys);
  }

  @Bean
  AlipaySignatureVerifier alipaySignatureVerifier(AlipayKeys keys) {
    return new AlipaySignatureVerifier(keys);
  }

  /**
   * Our caller of Alipay's OpenAPI: with the configured merchant key and gateway, or else the
   * stand-in's (the simulated Alipay, in sandbox).
   */
  @Bean
  @Conditional(MerchantKeyOrStandIn.class)
  AlipayOpenApi alipayOpenApi(
      AlipayProperties properties,
      AlipayKeys alipayAnswers,
      ObjectProvider<AlipayOpenApiStandIn> standIn,
      ResourceLoader resources) {
    String configuredKey = properties.merchantPrivateKey();
    boolean configured = configuredKey != null && !configuredKey.isBlank();
    AlipayOpenApiStandIn simulated = configured ? null : standIn.getObject();
    return new AlipayOpenApi(
        properties.appId(),
        configured
            ? PemKeys.rsaPrivateKey(
                configuredKey, "paycallback.channels.alipay.merchant-private-key")
            : simulated.merchantPrivateKey(),
        configured ? properties::gatewayUrl : simulated::gatewayUrl,
        alipayAnswers,
        AlipayCertificates.configured(properties, resources),
        GatewayHttp.client(),
        Clock.systemUTC());
  }

  /** Ahead of the sandbox's fallback refund gateway, which is last. */
  @Bean
  @Order(0)
  @Conditional(MerchantKeyOrStandIn.class)
  AlipayRefundClient alipayRefundClient(AlipayOpenApi alipay) {
    return new AlipayRefundClient(alipay);
  }

  @Bean
  @Conditional(MerchantKeyOrStandIn.class)
  AlipayTradeQueries alipayTradeQueries(AlipayOpenApi alipay) {
    return new AlipayTradeQueries(alipay, Clock.systemUTC());
  }

  /** The public key of Alipay's certificate, given inline as PEM or by location. */
  static PublicKey certificateKey(String pemOrLocation, ResourceLoader resources) {
    return AlipayCertificates.read(pemOrLocation, "public-cert", resources).get(0).getPublicKey();
  }

  /** Alipay's OpenAPI can be called: our merchant key is configured, or a stand-in offers one. */
  static class MerchantKeyOrStandIn extends AnyNestedCondition {

    MerchantKeyOrStandIn() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnConfigured("paycallback.channels.alipay.merchant-private-key")
    static class MerchantKeyConfigured {}

    @ConditionalOnBean(AlipayOpenApiStandIn.class)
    static class StandInOffered {}
  }
}
