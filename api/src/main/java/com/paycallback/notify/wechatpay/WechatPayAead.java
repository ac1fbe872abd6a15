package com.paycallback.notify.wechatpay;

import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The AEADs of WeChat Pay resources: GCM with a 128-bit tag appended to the ciphertext, the nonce
 * and associated data as sent. AEAD_AES_256_GCM keys AES with the 32-byte APIv3 key itself;
 * AEAD_SM4_GCM keys SM4 with the first 16 bytes of SM3(APIv3 key), as WeChat Pay's ShangMi SDK does
 * ({@code AeadSM4Cipher.covertSM4Key} in wechatpay-java).
 */
final class WechatPayAead {

  static final int API_V3_KEY_LENGTH = 32;
  private static final int TAG_BITS = 128;
  private static final int SM4_KEY_LENGTH = 16;

  private WechatPayAead() {}

  static byte[] encrypt(
      WechatPayCipherAlgorithm algorithm,
      byte[] apiV3Key,
      byte[] nonce,
      byte[] associatedData,
      byte[] plaintext) {
    try {
      return run(true, algorithm, apiV3Key, nonce, associatedData, plaintext);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("GCM encryption cannot fail on a valid key", e);
    }
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
    return run(false, algorithm, apiV3Key, nonce, associatedData, ciphertextAndTag);
  }

  static byte[] sm4Key(byte[] apiV3Key) {
    SM3Digest sm3 = new SM3Digest();
    sm3.update(apiV3Key, 0, apiV3Key.length);
    byte[] digest = new byte[sm3.getDigestSize()];
    sm3.doFinal(digest, 0);
    return Arrays.copyOf(digest, SM4_KEY_LENGTH);
  }

  private static byte[] run(
      boolean encrypt,
      WechatPayCipherAlgorithm algorithm,
      byte[] apiV3Key,
      byte[] nonce,
      byte[] associatedData,
      byte[] input)
      throws InvalidCipherTextException {
    GCMModeCipher gcm =
        switch (algorithm) {
          case AEAD_AES_256_GCM -> GCMBlockCipher.newInstance(AESEngine.newInstance());
          case AEAD_SM4_GCM -> GCMBlockCipher.newInstance(new SM4Engine());
        };
    byte[] key = algorithm == WechatPayCipherAlgorithm.AEAD_SM4_GCM ? sm4Key(apiV3Key) : apiV3Key;
    gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, associatedData));
    byte[] output = new byte[gcm.getOutputSize(input.length)];
    int length = gcm.processBytes(input, 0, input.length, output, 0);
    length += gcm.doFinal(output, length);
    return length == output.length ? output : Arrays.copyOf(output, length);
  }
}
