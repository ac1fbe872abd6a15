package com.paycallback.notify.alipay;

import com.paycallback.notify.NoticeRejected;
import com.paycallback.notify.ReasonCode;
import java.nio.charset.Charset;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * RSA2 (SHA256withRSA) verification of Alipay notices against any of the configured Alipay public
 * keys. Never mutates the caller's parameters.
 */
public class AlipaySignatureVerifier {

  private final List<PublicKey> publicKeys;

  public AlipaySignatureVerifier(List<PublicKey> publicKeys) {
    this.publicKeys = List.copyOf(publicKeys);
  }

  /** Reads a PEM or bare base64 X.509 SubjectPublicKeyInfo RSA key. */
  public static PublicKey parsePublicKey(String pemOrBase64) {
    String base64 =
        pemOrBase64.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("RSA")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an RSA public key (PEM or base64 X.509)", e);
    }
  }

  /**
   * @param params the notice's decoded parameters
   * @param charset the charset the notice was encoded in; the signature is over those bytes
   * @throws NoticeRejected when the signature is missing, unsupported or matches no key
   */
  public void verify(Map<String, String> params, Charset charset) {
    String sign = params.get("sign");
    if (sign == null || sign.isBlank()) {
      throw new NoticeRejected(ReasonCode.SIGNATURE_MISSING, "no sign parameter");
    }
    String signType = params.getOrDefault("sign_type", "RSA2");
    if (!"RSA2".equals(signType)) {
      throw new NoticeRejected(ReasonCode.SIGNATURE_INVALID, "unsupported sign_type " + signType);
    }
    byte[] signature;
    try {
      signature = Base64.getMimeDecoder().decode(sign);
    } catch (IllegalArgumentException e) {
      throw new NoticeRejected(ReasonCode.SIGNATURE_INVALID, "sign is not base64");
    }
    if (!verifies(AlipaySignContent.of(params).getBytes(charset), signature)) {
      throw new NoticeRejected(ReasonCode.SIGNATURE_INVALID, "signature matches no Alipay key");
    }
  }

  /**
   * Whether any of Alipay's keys signed {@code content} (SHA256withRSA): notices, and the answers
   * of Alipay's OpenAPI, which Alipay signs with the same keys.
   */
  public boolean verifies(byte[] content, byte[] signature) {
    for (PublicKey key : publicKeys) {
      if (verifies(key, content, signature)) {
        return true;
      }
    }
    return false;
  }

  private static boolean verifies(PublicKey key, byte[] content, byte[] signature) {
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(key);
      rsa.update(content);
      return rsa.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
