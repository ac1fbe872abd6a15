package com.paycallback.notify;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts raw notice payloads for the audit table (AES-256-GCM, random 12-byte IV stored in front
 * of the ciphertext) and turns payer ids into keyed digests, so neither the database nor Temporal
 * holds a payer id in clear text.
 */
@Component
public class PayloadCipher {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecureRandom random = new SecureRandom();
  private final String currentKeyId;
  private final Map<String, SecretKeySpec> keys = new HashMap<>();

  PayloadCipher(NoticeEncryptionProperties properties) {
    properties
        .keys()
        .forEach(
            (id, base64) -> {
              byte[] key = Base64.getDecoder().decode(base64.trim());
              if (key.length != 32) {
                throw new IllegalArgumentException(
                    "paycallback.notice-encryption.keys." + id + " must be 32 bytes (base64)");
              }
              keys.put(id, new SecretKeySpec(key, "AES"));
            });
    if (!keys.containsKey(properties.currentKeyId())) {
      throw new IllegalArgumentException(
          "paycallback.notice-encryption.current-key-id names no configured key");
    }
    this.currentKeyId = properties.currentKeyId();
  }

  public String currentKeyId() {
    return currentKeyId;
  }

  public byte[] encrypt(byte[] plaintext) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(currentKeyId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  public byte[] decrypt(String keyId, byte[] stored) {
    SecretKeySpec key = keys.get(keyId);
    if (key == null) {
      throw new IllegalArgumentException("no notice-encryption key " + keyId);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("stored payload does not decrypt with key " + keyId, e);
    }
  }

  /** A keyed digest of a payer id: stable for look-ups, useless to whoever reads the row. */
  public String payerRef(String channel, String payerId) {
    if (payerId == null || payerId.isEmpty()) {
      return null;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(keys.get(currentKeyId));
      byte[] digest = mac.doFinal((channel + ":" + payerId).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
