package com.paycallback.gateway.wechatpay;

import com.paycallback.crypto.RsaVerifier;
import com.paycallback.crypto.Sm2Verifier;
import com.paycallback.crypto.Verifier;
import java.util.Optional;

/**
 * The values of the {@code Wechatpay-Signature-Type} header and what each one means: the signature
 * algorithm (its verifier) and the AEAD the same merchant's resources are encrypted with.
 */
public enum WechatPaySignatureType {
  /** SHA256withRSA; resources in AEAD_AES_256_GCM. The default when the header is absent. */
  RSA("WECHATPAY2-SHA256-RSA2048", new RsaVerifier(), WechatPayCipherAlgorithm.AEAD_AES_256_GCM),
  /** SM3withSM2 with the default user id; resources in AEAD_SM4_GCM (the ShangMi variant). */
  SM2("WECHATPAY2-SM2-WITH-SM3", new Sm2Verifier(), WechatPayCipherAlgorithm.AEAD_SM4_GCM);

  private final String headerValue;
  private final Verifier verifier;
  private final WechatPayCipherAlgorithm cipher;

  WechatPaySignatureType(String headerValue, Verifier verifier, WechatPayCipherAlgorithm cipher) {
    this.headerValue = headerValue;
    this.verifier = verifier;
    this.cipher = cipher;
  }

  /** Checks signatures of this type. */
  public Verifier verifier() {
    return verifier;
  }

  /** The value as sent in {@code Wechatpay-Signature-Type}. */
  public String headerValue() {
    return headerValue;
  }

  /** The resource encryption WeChat Pay uses together with this signature type. */
  public WechatPayCipherAlgorithm cipher() {
    return cipher;
  }

  /** The type a header value names, matched exactly as WeChat Pay spells it. */
  public static Optional<WechatPaySignatureType> fromHeader(String value) {
    for (WechatPaySignatureType type : values()) {
      if (type.headerValue.equals(value)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
