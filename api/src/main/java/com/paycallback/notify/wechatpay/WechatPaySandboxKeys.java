package com.paycallback.notify.wechatpay;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throw-away WeChat Pay platform credentials for the sandbox and for tests, generated at run time
 * so that no private key is ever committed.
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

  /**
   * A self-signed platform certificate for the key pair with a random serial, valid from now minus
   * a minute for the given time; SHA256withRSA or SM3withSM2 by the key's type.
   */
  public static X509Certificate selfSignedCertificate(
      KeyPair keys, String commonName, Instant now, Duration validity) {
    String algorithm =
        Sm2WechatPayVerifier.isSm2(keys.getPrivate())
            ? Sm2WechatPayVerifier.ALGORITHM
            : RsaWechatPayVerifier.ALGORITHM;
    X500Name name = new X500Name("CN=" + commonName + ", O=paycallback sandbox");
    try {
      ContentSigner signer =
          new JcaContentSignerBuilder(algorithm)
              .setProvider(BouncyCastle.PROVIDER)
              .build(keys.getPrivate());
      X509CertificateHolder holder =
          new JcaX509v3CertificateBuilder(
                  name,
                  new BigInteger(159, RANDOM).setBit(158),
                  Date.from(now.minus(Duration.ofMinutes(1))),
                  Date.from(now.plus(validity)),
                  name,
                  keys.getPublic())
              .build(signer);
      return new JcaX509CertificateConverter()
          .setProvider(BouncyCastle.PROVIDER)
          .getCertificate(holder);
    } catch (OperatorCreationException | CertificateException e) {
      throw new IllegalStateException("cannot make a sandbox certificate", e);
    }
  }

  /** The serial WeChat Pay sends in {@code Wechatpay-Serial} for a certificate: upper-case hex. */
  public static String serialOf(X509Certificate certificate) {
    return certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
  }

  /** A public key id in WeChat Pay's format, {@code PUB_KEY_ID_} and digits. */
  public static String randomPublicKeyId() {
    StringBuilder id = new StringBuilder("PUB_KEY_ID_");
    for (int i = 0; i < 28; i++) {
      id.append(RANDOM.nextInt(10));
    }
    return id.toString();
  }

  /** A 32-character APIv3 key. */
  public static byte[] randomApiV3Key() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder key = new StringBuilder(WechatPayAead.API_V3_KEY_LENGTH);
    for (int i = 0; i < WechatPayAead.API_V3_KEY_LENGTH; i++) {
      key.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return key.toString().getBytes(StandardCharsets.US_ASCII);
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
