package com.paycallback.gateway.wechatpay;

import com.paycallback.crypto.BouncyCastle;
import com.paycallback.crypto.RsaVerifier;
import com.paycallback.crypto.Sm2Verifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** WeChat Pay credentials only tests need: certificates, key ids and APIv3 keys made up per run. */
public final class WechatPayTestKeys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private WechatPayTestKeys() {}

  /**
   * A self-signed platform certificate for the key pair with a random serial, valid from now minus
   * a minute for the given time; SHA256withRSA or SM3withSM2 by the key's type.
   */
  public static X509Certificate selfSignedCertificate(
      KeyPair keys, String commonName, Instant now, Duration validity) {
    String algorithm =
        Sm2Verifier.isSm2(keys.getPrivate()) ? Sm2Verifier.ALGORITHM : RsaVerifier.ALGORITHM;
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
}
