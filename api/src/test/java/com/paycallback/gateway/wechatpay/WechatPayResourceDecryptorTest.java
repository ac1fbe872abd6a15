package com.paycallback.gateway.wechatpay;

import static com.paycallback.gateway.wechatpay.WechatPayTestData.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paycallback.notice.PaymentNotice;
import com.paycallback.notice.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WechatPayResourceDecryptorTest {

  private static final byte[] API_V3_KEY = WechatPayTestKeys.randomApiV3Key();
  private static final String NONCE = "fdasflkja484";

  private final WechatPayResourceDecryptor decryptor = new WechatPayResourceDecryptor(API_V3_KEY);

  /** A notice whose resource is the plaintext, encrypted; {@code %s} in the template is it. */
  private static byte[] notice(String plaintext, String associatedDataMember) {
    byte[] ciphertext =
        WechatPayAead.encrypt(
            WechatPayCipherAlgorithm.AEAD_AES_256_GCM,
            API_V3_KEY,
            NONCE.getBytes(StandardCharsets.UTF_8),
            associatedDataMember == null
                ? new byte[0]
                : associatedDataMember.getBytes(StandardCharsets.UTF_8),
            plaintext.getBytes(StandardCharsets.UTF_8));
    String associatedData =
        associatedDataMember == null ? "" : "\"associated_data\":\"" + associatedDataMember + "\",";
    return ("""
        {"id":"EV-2018022511223320873","create_time":"2025-06-01T15:59:31+08:00",\
        "resource_type":"encrypt-resource","event_type":"TRANSACTION.SUCCESS","summary":"支付成功",\
        "resource":{"original_type":"transaction","algorithm":"AEAD_AES_256_GCM",%s\
        "ciphertext":"%s","nonce":"%s"}}""")
        .formatted(associatedData, Base64.getEncoder().encodeToString(ciphertext), NONCE)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] notice(String plaintext) {
    return notice(plaintext, "transaction");
  }

  @Test
  void paidTransactionMapsToAPaymentNoticeInFen() {
    WechatPayNotification notification =
        decryptor.decrypt(notice(WechatPayTestData.transactionJson("SUCCESS")));
    PaymentNotice notice = notification.toPaymentNotice();

    assertThat(notification.id()).isEqualTo("EV-2018022511223320873");
    assertThat(notification.eventType()).isEqualTo("TRANSACTION.SUCCESS");
    assertThat(notification.transaction().appId()).isEqualTo("wxd678efh567hg6787");
    assertThat(notification.transaction().mchId()).isEqualTo("1230000109");
    assertThat(notification.transaction().payerTotal()).isEqualTo(12800L);
    assertThat(notice)
        .isEqualTo(
            new PaymentNotice(
                "wechatpay",
                "4200001234202506011234567890",
                "20250601000042",
                12900,
                "CNY",
                true,
                "SUCCESS",
                Instant.parse("2025-06-01T07:59:30Z"),
                "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
  }

  @Test
  void absentAssociatedDataIsReadAsEmpty() {
    WechatPayNotification notification =
        decryptor.decrypt(notice(WechatPayTestData.transactionJson("SUCCESS"), null));

    assertThat(notification.transaction().paid()).isTrue();
  }

  @Test
  void closedTransactionIsMappedButNotPaid() {
    String closed =
        """
        {"appid":"wx1","mchid":"1230000109","out_trade_no":"20250601000042",\
        "transaction_id":"4200001234202506011234567890","trade_state":"CLOSED",\
        "amount":{"total":12900}}""";

    PaymentNotice notice = decryptor.decrypt(notice(closed)).toPaymentNotice();

    assertThat(notice.paid()).isFalse();
    assertThat(notice.tradeStatus()).isEqualTo("CLOSED");
    assertThat(notice.paidAt()).isNull();
    assertThat(notice.payerId()).isNull();
    assertThat(notice.currency()).isEqualTo("CNY");
  }

  @Test
  void wrongApiV3KeyIsDecryptionFailed() {
    WechatPayResourceDecryptor other =
        new WechatPayResourceDecryptor(WechatPayTestKeys.randomApiV3Key());

    assertThat(rejection(() -> other.decrypt(notice(WechatPayTestData.transactionJson("SUCCESS")))))
        .isEqualTo(ReasonCode.DECRYPTION_FAILED);
  }

  @Test
  void alteredCiphertextIsDecryptionFailed() {
    String body =
        new String(notice(WechatPayTestData.transactionJson("SUCCESS")), StandardCharsets.UTF_8);
    int at = body.indexOf("\"ciphertext\":\"") + "\"ciphertext\":\"".length();
    char flipped = body.charAt(at) == 'A' ? 'B' : 'A';
    byte[] altered =
        (body.substring(0, at) + flipped + body.substring(at + 1)).getBytes(StandardCharsets.UTF_8);

    assertThat(rejection(() -> decryptor.decrypt(altered))).isEqualTo(ReasonCode.DECRYPTION_FAILED);
  }

  @Test
  void alteredAssociatedDataIsDecryptionFailed() {
    byte[] body =
        new String(notice(WechatPayTestData.transactionJson("SUCCESS")), StandardCharsets.UTF_8)
            .replace("\"associated_data\":\"transaction\"", "\"associated_data\":\"refund\"")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(rejection(() -> decryptor.decrypt(body))).isEqualTo(ReasonCode.DECRYPTION_FAILED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"129.00", "\"12900\"", "0", "-1", "1e4", "null"})
  void amountThatIsNotAPositiveIntegerOfFenIsMalformed(String total) {
    String transaction =
        WechatPayTestData.transactionJson("SUCCESS")
            .replace("\"total\":12900", "\"total\":" + total);

    assertThat(rejection(() -> decryptor.decrypt(notice(transaction))))
        .isEqualTo(ReasonCode.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"transaction_id\":\"4200001234202506011234567890\",",
        "\"out_trade_no\":\"20250601000042\",",
        "\"mchid\":\"1230000109\",",
        "\"trade_state\":\"SUCCESS\",",
        "\"success_time\":\"2025-06-01T15:59:30+08:00\","
      })
  void transactionLackingAFieldIsMalformed(String field) {
    String transaction = WechatPayTestData.transactionJson("SUCCESS").replace(field, "");

    assertThat(rejection(() -> decryptor.decrypt(notice(transaction))))
        .isEqualTo(ReasonCode.MALFORMED);
  }

  @Test
  void successTimeThatIsNotRfc3339IsMalformed() {
    String transaction =
        WechatPayTestData.transactionJson("SUCCESS")
            .replace("2025-06-01T15:59:30+08:00", "2025-06-01 15:59:30");

    assertThat(rejection(() -> decryptor.decrypt(notice(transaction))))
        .isEqualTo(ReasonCode.MALFORMED);
  }

  @Test
  void transactionRepeatingAKeyIsMalformed() {
    String transaction =
        WechatPayTestData.transactionJson("SUCCESS")
            .replace("\"amount\":{\"total\":12900", "\"amount\":{\"total\":1,\"total\":12900");

    assertThat(rejection(() -> decryptor.decrypt(notice(transaction))))
        .isEqualTo(ReasonCode.MALFORMED);
  }

  @Test
  void unknownAlgorithmIsMalformed() {
    byte[] body =
        new String(notice(WechatPayTestData.transactionJson("SUCCESS")), StandardCharsets.UTF_8)
            .replace("AEAD_AES_256_GCM", "AEAD_CHACHA20_POLY1305")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(rejection(() -> decryptor.decrypt(body))).isEqualTo(ReasonCode.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "[]",
        "{\"id\":\"EV-1\",\"event_type\":\"TRANSACTION.SUCCESS\"}",
        "{\"id\":\"EV-1\",\"event_type\":\"TRANSACTION.SUCCESS\",\"resource\":{"
            + "\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\"%%%\",\"nonce\":\"n\"}}",
        "{\"id\":\"EV-1\",\"event_type\":\"TRANSACTION.SUCCESS\",\"resource\":{"
            + "\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\"AAAA\"}}"
      })
  void noticeWithoutAUsableResourceIsMalformed(String body) {
    assertThat(rejection(() -> decryptor.decrypt(body.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(ReasonCode.MALFORMED);
  }

  @Test
  void apiV3KeyMustBe32Bytes() {
    assertThatThrownBy(() -> new WechatPayResourceDecryptor("too-short"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
