package com.paycallback.gateway.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paycallback.crypto.BouncyCastle;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.junit.jupiter.api.Test;

class WechatPayAeadTest {

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void sm4KeyIsTheFirstHalfOfTheSm3OfTheApiV3KeyAsInWechatPaysShangmiSdk() throws Exception {
    // Known answer from wechatpay-java's shangmi-testing BaseAeadSM4Test (a published test key,
    // not a merchant's): it fixes how the 16-byte SM4 key is derived from the 32-byte APIv3 key.
    byte[] plaintext =
        WechatPayAead.decrypt(
            WechatPayCipherAlgorithm.AEAD_SM4_GCM,
            utf8("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb"),
            utf8("uluk4a9R25RW"),
            utf8("associatedData"),
            Base64.getDecoder().decode("+lcLNfkZQQx+iQm20Apa3x9Mb/5L7PgZ7w=="));

    assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo("plaintext");
  }

  @Test
  void sm4GcmFromAnIndependentJcaCipherDecrypts() throws Exception {
    byte[] apiV3Key = WechatPayTestKeys.randomApiV3Key();
    MessageDigest sm3 = MessageDigest.getInstance("SM3", BouncyCastle.PROVIDER);
    byte[] sm4Key = Arrays.copyOf(sm3.digest(apiV3Key), 16);
    Cipher cipher = Cipher.getInstance("SM4/GCM/NoPadding", BouncyCastle.PROVIDER);
    cipher.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(sm4Key, "SM4"),
        new GCMParameterSpec(128, utf8("0123456789ab")));
    cipher.updateAAD(utf8("transaction"));
    byte[] ciphertext = cipher.doFinal(utf8("{\"trade_state\":\"SUCCESS\"}"));

    byte[] plaintext =
        WechatPayAead.decrypt(
            WechatPayCipherAlgorithm.AEAD_SM4_GCM,
            apiV3Key,
            utf8("0123456789ab"),
            utf8("transaction"),
            ciphertext);

    assertThat(new String(plaintext, StandardCharsets.UTF_8))
        .isEqualTo("{\"trade_state\":\"SUCCESS\"}");
  }

  @Test
  void aesGcmFromTheJdkDecryptsAndAnAlteredTagDoesNot() throws Exception {
    byte[] apiV3Key = WechatPayTestKeys.randomApiV3Key();
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(apiV3Key, "AES"),
        new GCMParameterSpec(128, utf8("fdasflkja484")));
    byte[] ciphertext = cipher.doFinal(utf8("paid"));

    byte[] plaintext =
        WechatPayAead.decrypt(
            WechatPayCipherAlgorithm.AEAD_AES_256_GCM,
            apiV3Key,
            utf8("fdasflkja484"),
            new byte[0],
            ciphertext);
    ciphertext[ciphertext.length - 1] ^= 1;

    assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo("paid");
    assertThatThrownBy(
            () ->
                WechatPayAead.decrypt(
                    WechatPayCipherAlgorithm.AEAD_AES_256_GCM,
                    apiV3Key,
                    utf8("fdasflkja484"),
                    new byte[0],
                    ciphertext))
        .isInstanceOf(InvalidCipherTextException.class);
  }
}
