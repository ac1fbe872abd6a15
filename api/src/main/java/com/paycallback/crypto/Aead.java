package com.paycallback.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * GCM with a 128-bit tag appended to the ciphertext: over AES (WeChat Pay's AEAD_AES_256_GCM, our
 * own payload encryption at rest) and over SM4 (WeChat Pay's AEAD_SM4_GCM).
 */
public enum Aead {
  AES_256_GCM,
  SM4_GCM;

  private static final int TAG_BITS = 128;

  /** The ciphertext with the tag at its end. */
  public byte[] seal(byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext) {
    try {
      return run(true, key, nonce, associatedData, plaintext);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("GCM encryption cannot fail on a valid key", e);
    }
  }

  /**
   * @throws InvalidCipherTextException when the tag does not match: wrong key, nonce, associated
   *     data, or a ciphertext altered on the way
   */
  public byte[] open(byte[] key, byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag)
      throws InvalidCipherTextException {
    return run(false, key, nonce, associatedData, ciphertextAndTag);
  }

  private byte[] run(boolean encrypt, byte[] key, byte[] nonce, byte[] associatedData, byte[] in)
      throws InvalidCipherTextException {
    GCMModeCipher gcm =
        switch (this) {
          case AES_256_GCM -> GCMBlockCipher.newInstance(AESEngine.newInstance());
          case SM4_GCM -> GCMBlockCipher.newInstance(new SM4Engine());
        };
    gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, associatedData));
    byte[] output = new byte[gcm.getOutputSize(in.length)];
    int length = gcm.processBytes(in, 0, in.length, output, 0);
    length += gcm.doFinal(output, length);
    return length == output.length ? output : Arrays.copyOf(output, length);
  }
}
