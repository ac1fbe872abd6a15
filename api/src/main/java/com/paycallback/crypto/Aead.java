package com.paycallback.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
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
    return switch (this) {
      case AES_256_GCM -> jdkAesGcm(encrypt, key, nonce, associatedData, in);
      case SM4_GCM -> sm4Gcm(encrypt, key, nonce, associatedData, in);
    };
  }

  /**
   * The JDK's AES-GCM runs on the processor's AES and carry-less multiply instructions: a WeChat
   * Pay resource opens in a third of BouncyCastle's time (bench/), and large audit payloads gain
   * more. Its failures are reported as BouncyCastle's were.
   */
  private static byte[] jdkAesGcm(
      boolean encrypt, byte[] key, byte[] nonce, byte[] associatedData, byte[] in)
      throws InvalidCipherTextException {
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(
          encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      gcm.updateAAD(associatedData);
      return gcm.doFinal(in);
    } catch (AEADBadTagException e) {
      throw new InvalidCipherTextException("GCM tag does not match");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an AES key and GCM nonce", e);
    }
  }

  private static byte[] sm4Gcm(
      boolean encrypt, byte[] key, byte[] nonce, byte[] associatedData, byte[] in)
      throws InvalidCipherTextException {
    GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine());
    gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, associatedData));
    byte[] output = new byte[gcm.getOutputSize(in.length)];
    int length = gcm.processBytes(in, 0, in.length, output, 0);
    length += gcm.doFinal(output, length);
    return length == output.length ? output : Arrays.copyOf(output, length);
  }
}
