package com.paycallback.notify.alipay;

import com.paycallback.sandbox.SandboxKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

@Configuration(proxyBeanMethods = false)
class AlipayConfig {

  /** The configured Alipay keys, plus the simulated gateway's key when the sandbox is on. */
  @Bean
  AlipaySignatureVerifier alipaySignatureVerifier(
      AlipayProperties properties, Optional<SandboxKeys> sandbox, ResourceLoader resources) {
    List<PublicKey> keys = new ArrayList<>();
    properties.publicKeys().forEach(key -> keys.add(AlipaySignatureVerifier.parsePublicKey(key)));
    if (properties.publicCert() != null && !properties.publicCert().isBlank()) {
      keys.add(certificateKey(properties.publicCert(), resources));
    }
    sandbox.ifPresent(s -> keys.add(s.alipay().getPublic()));
    if (properties.appId() != null && !properties.appId().isBlank() && keys.isEmpty()) {
      throw new IllegalStateException(
          "paycallback.channels.alipay.app-id is set but no paycallback.channels.alipay.public-keys"
              + " are configured: every Alipay notice would be refused");
    }
    return new AlipaySignatureVerifier(keys);
  }

  /** The public key of Alipay's certificate, given inline as PEM or by location. */
  static PublicKey certificateKey(String pemOrLocation, ResourceLoader resources) {
    String value = pemOrLocation.trim();
    try (InputStream pem =
        value.startsWith("-----BEGIN")
            ? new ByteArrayInputStream(value.getBytes(StandardCharsets.US_ASCII))
            : resources.getResource(value).getInputStream()) {
      return CertificateFactory.getInstance("X.509").generateCertificate(pem).getPublicKey();
    } catch (IOException | CertificateException e) {
      throw new IllegalStateException(
          "paycallback.channels.alipay.public-cert is not a readable X.509 certificate", e);
    }
  }
}
