package com.paycallback.refund;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Parses the merchant's RSA private key as the gateways' consoles hand it out: PEM or base64. */
final class MerchantKeys {

  private MerchantKeys() {}

  /** A PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----} or its base64 body). */
  static PrivateKey privateKey(String pemOrBase64, String property) {
    try {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(der(pemOrBase64)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          property + " is not an RSA private key in PKCS#8 (PEM or base64)", e);
    }
  }

  private static byte[] der(String pemOrBase64) {
    String base64 = pemOrBase64.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(base64);
  }
}
