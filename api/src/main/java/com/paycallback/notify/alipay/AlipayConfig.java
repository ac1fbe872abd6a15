package com.paycallback.notify.alipay;

import com.paycallback.sandbox.SandboxKeys;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AlipayConfig {

  /** The configured Alipay keys, plus the simulated gateway's key when the sandbox is on. */
  @Bean
  AlipaySignatureVerifier alipaySignatureVerifier(
      AlipayProperties properties, Optional<SandboxKeys> sandbox) {
    List<PublicKey> keys = new ArrayList<>();
    properties.publicKeys().forEach(key -> keys.add(AlipaySignatureVerifier.parsePublicKey(key)));
    sandbox.ifPresent(s -> keys.add(s.alipay().getPublic()));
    if (properties.appId() != null && keys.isEmpty()) {
      throw new IllegalStateException(
          "paycallback.channels.alipay.app-id is set but no paycallback.channels.alipay.public-keys"
              + " are configured: every Alipay notice would be refused");
    }
    return new AlipaySignatureVerifier(keys);
  }
}
