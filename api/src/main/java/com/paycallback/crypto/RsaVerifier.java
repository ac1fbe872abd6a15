package com.paycallback.crypto;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;

/**
 * SHA256withRSA (PKCS#1 v1.5): Alipay's RSA2 and WeChat Pay's {@code WECHATPAY2-SHA256-RSA2048}.
 */
public final class RsaVerifier implements Verifier {

  public static final String ALGORITHM = "SHA256withRSA";

  /**
   * One {@link Signature} per request thread: looking the algorithm up in the providers and
   * building its digest on every notice cost more than the rest of the check around the RSA
   * operation itself. Every use starts with {@code initVerify}, which discards whatever an earlier
   * use left behind.
   */
  private static final ThreadLocal<Signature> SIGNATURES =
      ThreadLocal.withInitial(RsaVerifier::newSignature);

  @Override
  public boolean accepts(PublicKey key) {
    return key instanceof RSAPublicKey;
  }

  @Override
  public boolean verify(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature verifier = SIGNATURES.get();
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // A signature of the wrong length or encoding is just a wrong signature.
      return false;
    }
  }

  private static Signature newSignature() {
    try {
      return Signature.getInstance(ALGORITHM);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA256withRSA is in every JDK", e);
    }
  }
}
