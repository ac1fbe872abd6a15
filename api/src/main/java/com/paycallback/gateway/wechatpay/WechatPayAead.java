package com.paycallback.gateway.wechatpay;

import com.paycallback.crypto.Aead;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * The AEADs of WeChat Pay resources, the nonce and associated data as sent. AEAD_AES_256_GCM keys
 * AES with the 32-byte APIv3 key itself; AEAD_SM4_GCM keys SM4 with the first 16 bytes of SM3(APIv3
 * key), as WeChat Pay's ShangMi SDK does ({@code AeadSM4Cipher.covertSM4Key} in wechatpay-java).
 */
public final class WechatPayAead {

  public static final int API_V3_KEY_LENGTH = 32;
  private static final int SM4_KEY_LENGTH = 16;

  private WechatPayAead() {}

  public static byte[] encrypt(
      WechatPayCipherAlgorithm algorithm,
      byte[] apiV3Key,
      byte[] nonce,
      byte[] associatedData,
      byte[] plaintext) {
    return aead(algorithm).seal(key(algorithm, apiV3Key), nonce, associatedData, plaintext);
  }

  /**
   * @throws InvalidCipherTextException when the tag does not match: wrong key, nonce, associated
   *     data, or a ciphertext altered on the way
   */
  static byte[] decrypt(
      WechatPayCipherAlgorithm algorithm,
      byte[] apiV3Key,
      byte[] nonce,
      byte[] associatedData,
      byte[] ciphertextAndTag)
      throws InvalidCipherTextException {
    return aead(algorithm).open(key(algorithm, apiV3Key), nonce, associatedData, ciphertextAndTag);
  }

  static byte[] sm4Key(byte[] apiV3Key) {
    SM3Digest sm3 = new SM3Digest();
    sm3.update(apiV3Key, 0, apiV3Key.length);
    byte[] digest = new byte[sm3.getDigestSize()];
    sm3.doFinal(digest, 0);
    return Arrays.copyOf(digest, SM4_KEY_LENGTH);
  }

  private static Aead aead(WechatPayCipherAlgorithm algorithm) {
    return switch (algorithm) {
      case AEAD_AES_256_GCM -> Aead.AES_256_GCM;
      case AEAD_SM4_GCM -> Aead.SM4_GCM;
    };
  }

  private static byte[] key(WechatPayCipherAlgorithm algorithm, byte[] apiV3Key) {
    return algorithm == WechatPayCipherAlgorithm.AEAD_SM4_GCM ? sm4Key(apiV3Key) : apiV3Key;
  }
}
