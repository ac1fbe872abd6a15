package com.paycallback.gateway.wechatpay;

import com.paycallback.crypto.BouncyCastle;
import com.paycallback.crypto.Sm2Verifier;
import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.ReasonCode;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The WeChat Pay platform keys the shop trusts, found by the {@code Wechatpay-Serial} header.
 *
 * <p>WeChat Pay has two ways of naming the key it signed with, and a merchant migrating from one to
 * the other receives both at once: a platform public key, named by its id ({@code PUB_KEY_ID_...}),
 * and a platform certificate, named by its serial number in hex. Both kinds are held side by side.
 * Certificate serials compare as numbers, so case and leading zeros do not matter.
 */
public final class WechatPayKeyring {

  private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{1,64}");

  private final Map<String, WechatPayPublicKey> publicKeysById = new LinkedHashMap<>();
  private final Map<BigInteger, WechatPayPublicKey> certificateKeysBySerial = new LinkedHashMap<>();

  /**
   * @param publicKeysPem platform public keys by key id, each a PEM {@code PUBLIC KEY} (or the same
   *     SubjectPublicKeyInfo as bare base64)
   * @param certificatesPem platform certificates, each PEM; the serial is read from each
   * @throws IllegalArgumentException when a key or certificate cannot be read or is neither RSA nor
   *     SM2: a configuration mistake, reported at start-up rather than on the first notice
   */
  public WechatPayKeyring(Map<String, String> publicKeysPem, List<String> certificatesPem) {
    publicKeysPem.forEach(
        (id, pem) -> {
          if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("WeChat Pay public key configured without an id");
          }
          PublicKey key = readPublicKey(id, pem);
          publicKeysById.put(id, new WechatPayPublicKey(id, typeOf(id, key), key));
        });
    for (String pem : certificatesPem) {
      X509CertificateHolder certificate = readCertificate(pem);
      String serial = certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
      PublicKey key = toPublicKey(serial, certificate.getSubjectPublicKeyInfo());
      certificateKeysBySerial.put(
          certificate.getSerialNumber(), new WechatPayPublicKey(serial, typeOf(serial, key), key));
    }
  }

  /**
   * The key a notice names.
   *
   * @throws NoticeRejected {@link ReasonCode#UNKNOWN_KEY} when no configured key has that name
   */
  public WechatPayPublicKey keyFor(String serial) {
    WechatPayPublicKey key = publicKeysById.get(serial);
    if (key == null && serial != null && HEX.matcher(serial).matches()) {
      key = certificateKeysBySerial.get(new BigInteger(serial, 16));
    }
    if (key == null) {
      throw new NoticeRejected(ReasonCode.UNKNOWN_KEY, "no WeChat Pay key with serial " + serial);
    }
    return key;
  }

  /** The names of every key held, public key ids first, then certificate serials. */
  public Set<String> serials() {
    Set<String> serials = new LinkedHashSet<>(publicKeysById.keySet());
    certificateKeysBySerial.values().forEach(key -> serials.add(key.serial()));
    return serials;
  }

  private static PublicKey readPublicKey(String id, String pem) {
    String armored =
        pem.contains("-----BEGIN")
            ? pem
            : "-----BEGIN PUBLIC KEY-----\n" + pem.strip() + "\n-----END PUBLIC KEY-----\n";
    Object parsed = readPem(armored);
    if (!(parsed instanceof SubjectPublicKeyInfo info)) {
      throw new IllegalArgumentException(
          "WeChat Pay public key " + id + " is not a PEM public key");
    }
    return toPublicKey(id, info);
  }

  private static X509CertificateHolder readCertificate(String pem) {
    if (!(readPem(pem) instanceof X509CertificateHolder certificate)) {
      throw new IllegalArgumentException(
          "WeChat Pay platform certificate is not a PEM certificate");
    }
    return certificate;
  }

  private static Object readPem(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      return parser.readObject();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("unreadable PEM in WeChat Pay key configuration", e);
    }
  }

  /**
   * RSA keys are the JDK's own (its RSA verification converts a foreign key object on every call);
   * SM2 keys, on a curve the JDK does not know, are BouncyCastle's.
   */
  private static PublicKey toPublicKey(String name, SubjectPublicKeyInfo info) {
    try {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (!PKCSObjectIdentifiers.rsaEncryption.equals(info.getAlgorithm().getAlgorithm())) {
        converter.setProvider(BouncyCastle.PROVIDER);
      }
      return converter.getPublicKey(info);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("WeChat Pay key " + name + " is not a usable key", e);
    }
  }

  private static WechatPaySignatureType typeOf(String name, PublicKey key) {
    if (key instanceof RSAPublicKey) {
      return WechatPaySignatureType.RSA;
    }
    if (Sm2Verifier.isSm2(key)) {
      return WechatPaySignatureType.SM2;
    }
    throw new IllegalArgumentException(
        "WeChat Pay key " + name + " is neither RSA nor SM2 (EC on sm2p256v1)");
  }
}
