package com.paycallback.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads RSA keys and certificates as the gateways' consoles hand them out: PEM, or the bare base64
 * of the same DER.
 */
public final class PemKeys {

  private PemKeys() {}

  /** An X.509 SubjectPublicKeyInfo RSA key ({@code -----BEGIN PUBLIC KEY-----} or its body). */
  public static PublicKey rsaPublicKey(String pemOrBase64) {
    try {
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pemOrBase64)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an RSA public key (PEM or base64 X.509)", e);
    }
  }

  /**
   * A PKCS#8 RSA private key ({@code -----BEGIN PRIVATE KEY-----} or its body).
   *
   * @param property the setting it came from, named in the error
   */
  public static PrivateKey rsaPrivateKey(String pemOrBase64, String property) {
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
