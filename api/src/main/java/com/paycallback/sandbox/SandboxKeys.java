package com.paycallback.sandbox;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The simulated gateways' SANDBOX keys, generated at every start and never written anywhere. The
 * channels trust them only while the sandbox is enabled (embedded default), never in {@code prod}.
 */
@Component
@ConditionalOnProperty(name = "paycallback.sandbox.enabled", havingValue = "true")
public class SandboxKeys {

  private final KeyPair alipay;

  SandboxKeys() {
    try {
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(2048);
      this.alipay = rsa.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is unavailable", e);
    }
  }

  /** The key pair the simulated Alipay signs notices with. */
  public KeyPair alipay() {
    return alipay;
  }
}
