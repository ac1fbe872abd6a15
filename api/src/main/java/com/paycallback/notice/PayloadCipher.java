package com.paycallback.notice;

import com.paycallback.crypto.Aead;
import com.paycallback.crypto.HmacSha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.springframework.stereotype.Component;

/**
 * Encrypts raw notice payloads for the audit table (AES-256-GCM, random 12-byte IV stored in front
 * of the ciphertext) and turns payer ids into keyed digests, so neither the database nor Temporal
 * holds a payer id in clear text.
 */
@Component
public class PayloadCipher {

  private static final int IV_BYTES = 12;

  private final SecureRandom random = new SecureRandom();
  private final String currentKeyId;
  private final Map<String, byte[]> keys = new HashMap<>();

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
              keys.put(id, key);
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
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    byte[] sealed =
        Aead.AES_256_GCM.seal(keys.get(currentKeyId), iv, keyIdBytes(currentKeyId), plaintext);
    return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
  }

  public byte[] decrypt(String keyId, byte[] stored) {
    byte[] key = keys.get(keyId);
    if (key == null) {
      throw new IllegalArgumentException("no notice-encryption key " + keyId);
    }
    try {
      return Aead.AES_256_GCM.open(
          key,
          Arrays.copyOf(stored, IV_BYTES),
          keyIdBytes(keyId),
          Arrays.copyOfRange(stored, IV_BYTES, stored.length));
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("stored payload does not decrypt with key " + keyId, e);
    }
  }

  /** The key id is the associated data: a row cannot be passed off as another key's. */
  private static byte[] keyIdBytes(String keyId) {
    return keyId.getBytes(StandardCharsets.UTF_8);
  }

  /** A keyed digest of a payer id: stable for look-ups, useless to whoever reads the row. */
  public String payerRef(String channel, String payerId) {
    if (payerId == null || payerId.isEmpty()) {
      return null;
    }
    byte[] digest =
        HmacSha256.mac(
            keys.get(currentKeyId), (channel + ":" + payerId).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }
}
