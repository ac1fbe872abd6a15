package com.paycallback.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Payloads at rest: AES-256-GCM under a named key, readable after the key rotates. */
class PayloadCipherTest {

  private static String newKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private final String oldKey = newKey();
  private final String newKey = newKey();
  private final byte[] payload =
      "trade_no=2026&buyer_id=2088102122524333".getBytes(StandardCharsets.UTF_8);

  @Test
  void rowsWrittenUnderAnOldKeyStayReadableAfterRotation() {
    PayloadCipher before =
        new PayloadCipher(new NoticeEncryptionProperties("k1", Map.of("k1", oldKey)));
    byte[] stored = before.encrypt(payload);
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("2088102122524333");

    PayloadCipher after =
        new PayloadCipher(new NoticeEncryptionProperties("k2", Map.of("k1", oldKey, "k2", newKey)));

    assertThat(after.currentKeyId()).isEqualTo("k2");
    assertThat(after.decrypt("k1", stored)).isEqualTo(payload);
    assertThat(after.decrypt("k2", after.encrypt(payload))).isEqualTo(payload);
  }

  @Test
  void tamperedCiphertextDoesNotDecrypt() {
    PayloadCipher cipher =
        new PayloadCipher(new NoticeEncryptionProperties("k1", Map.of("k1", oldKey)));
    byte[] stored = cipher.encrypt(payload);
    stored[stored.length - 1] ^= 1;

    assertThatThrownBy(() -> cipher.decrypt("k1", stored))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void payerRefIsStableAndRevealsNothing() {
    PayloadCipher cipher =
        new PayloadCipher(new NoticeEncryptionProperties("k1", Map.of("k1", oldKey)));

    String ref = cipher.payerRef("alipay", "2088102122524333");

    assertThat(ref).hasSize(64).doesNotContain("2088102122524333");
    assertThat(cipher.payerRef("alipay", "2088102122524333")).isEqualTo(ref);
    assertThat(cipher.payerRef("wechatpay", "2088102122524333")).isNotEqualTo(ref);
  }

  @Test
  void keyOfTheWrongSizeStopsStartUp() {
    assertThatThrownBy(
            () ->
                new PayloadCipher(
                    new NoticeEncryptionProperties(
                        "k1", Map.of("k1", Base64.getEncoder().encodeToString(new byte[16])))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }
}
