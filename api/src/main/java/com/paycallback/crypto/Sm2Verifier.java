package com.paycallback.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;

/**
 * SM3withSM2 (GB/T 32918), DER-encoded (r, s), with the default user id {@code 1234567812345678}
 * (GM/T 0009's default, which WeChat Pay's {@code WECHATPAY2-SM2-WITH-SM3} and its ShangMi SDK
 * use).
 */
public final class Sm2Verifier implements Verifier {

  public static final String ALGORITHM = "SM3withSM2";
  public static final byte[] USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

  @Override
  public boolean accepts(PublicKey key) {
    return isSm2(key);
  }

  @Override
  public boolean verify(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(ALGORITHM, BouncyCastle.PROVIDER);
      // The user id goes into Z_A, so it must be set before the key is bound.
      verifier.setParameter(new SM2ParameterSpec(USER_ID));
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // BouncyCastle reports some garbled DER signatures as IllegalArgumentException.
      return false;
    }
  }

  /** Whether the key (public or private) is an EC key on the SM2 curve, sm2p256v1. */
  public static boolean isSm2(Key key) {
    byte[] encoded = key.getEncoded();
    if (encoded == null) {
      return false;
    }
    try {
      AlgorithmIdentifier algorithm =
          key instanceof PublicKey
              ? SubjectPublicKeyInfo.getInstance(encoded).getAlgorithm()
              : PrivateKeyInfo.getInstance(encoded).getPrivateKeyAlgorithm();
      ASN1Encodable curve = algorithm.getParameters();
      return X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
          && GMObjectIdentifiers.sm2p256v1.equals(curve);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
