package com.paycallback.sandbox;

import com.paycallback.crypto.BouncyCastle;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Throw-away platform keys for the simulated gateways (RSA as Alipay's and WeChat Pay's, SM2 as
 * WeChat Pay's ShangMi variant), generated at run time so that no private key is ever committed.
 */
public final class WechatPaySandboxKeys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private WechatPaySandboxKeys() {}

  /** An RSA 2048 key pair, as WeChat Pay's platform keys are. */
  public static KeyPair generateRsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An SM2 key pair (EC on sm2p256v1). */
  public static KeyPair generateSm2KeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
      generator.initialize(new ECGenParameterSpec("sm2p256v1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PEM text of a public key or a certificate. */
  public static String toPem(Object keyOrCertificate) {
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(keyOrCertificate);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pem.toString();
  }
}
