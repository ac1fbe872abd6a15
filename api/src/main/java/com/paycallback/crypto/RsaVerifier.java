package com.paycallback.crypto;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;

/**
 * SHA256withRSA (PKCS#1 v1.5): Alipay's RSA2 and WeChat Pay's {@code WECHATPAY2-SHA256-RSA2048}.
 */
public final class RsaVerifier implements Verifier {

  public static final String ALGORITHM = "SHA256withRSA";

  @Override
  public boolean accepts(PublicKey key) {
    return key instanceof RSAPublicKey;
  }

  @Override
  public boolean verify(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // A signature of the wrong length or encoding is just a wrong signature.
      return false;
    }
  }
}
