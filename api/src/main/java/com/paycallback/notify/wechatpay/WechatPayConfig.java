package com.paycallback.notify.wechatpay;

import com.paycallback.sandbox.SandboxKeys;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WechatPayConfig {

  /**
   * WeChat Pay's keys and the signature check over them: notices, and the answers of WeChat Pay's
   * API (refunds), which WeChat Pay signs the same way. The simulated gateway's keys are trusted
   * while the sandbox is on.
   */
  @Bean
  WechatPayNoticeAuthenticator wechatPayAuthenticator(
      WechatPayProperties properties, Optional<SandboxKeys> sandbox, Clock clock) {
    Map<String, String> publicKeys = new LinkedHashMap<>(properties.publicKeys());
    sandbox.ifPresent(s -> publicKeys.putAll(s.wechatPayPublicKeysPem()));
    WechatPayKeyring keyring = new WechatPayKeyring(publicKeys, properties.platformCertificates());
    if (properties.mchId() != null
        && !properties.mchId().isBlank()
        && keyring.serials().isEmpty()) {
      throw new IllegalStateException(
          "paycallback.channels.wechatpay.mch-id is set, so at least one of"
              + " paycallback.channels.wechatpay.public-keys or platform-certificates must be"
              + " configured");
    }
    return new WechatPayNoticeAuthenticator(keyring, properties.maxClockSkew(), clock);
  }
}
