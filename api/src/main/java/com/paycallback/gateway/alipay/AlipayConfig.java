package com.paycallback.gateway.alipay;

import com.paycallback.crypto.PemKeys;
import com.paycallback.gateway.ConditionalOnChannel;
import com.paycallback.gateway.ConditionalOnConfigured;
import com.paycallback.gateway.GatewayHttp;
import com.paycallback.gateway.PaymentChannels;
import com.paycallback.gateway.TrustedKeys;
import com.paycallback.settlement.PaymentChannel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

  @Bean
  @ConditionalOnConfigured("paycallback.channels.alipay.merchant-private-key")
  AlipayRefundClient alipayRefundClient(AlipayProperties properties, AlipayKeys alipayAnswers) {
    return new AlipayRefundClient(
        properties, alipayAnswers, GatewayHttp.client(), Clock.systemUTC());
  }

  /** The public key of Alipay's certificate, given inline as PEM or by location. */
  static PublicKey certificateKey(String pemOrLocation, ResourceLoader resources) {
    String value = pemOrLocation.trim();
    try (InputStream pem =
        value.startsWith("-----BEGIN")
            ? new ByteArrayInputStream(value.getBytes(StandardCharsets.US_ASCII))
            : resources.getResource(value).getInputStream()) {
      return PemKeys.certificateKey(pem);
    } catch (IOException | CertificateException e) {
      throw new IllegalStateException(
          "paycallback.channels.alipay.public-cert is not a readable X.509 certificate", e);
    }
  }
}
