package com.paycallback.gateway.wechatpay;

import static com.paycallback.gateway.wechatpay.WechatPayTestData.CLOCK;
import static com.paycallback.gateway.wechatpay.WechatPayTestData.NOW;
import static com.paycallback.gateway.wechatpay.WechatPayTestData.RSA_CERTIFICATE_MODE;
import static com.paycallback.gateway.wechatpay.WechatPayTestData.RSA_PUBLIC_KEY_MODE;
import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.PaymentNotice;
import com.paycallback.notice.ReasonCode;
import com.paycallback.sandbox.SignedWechatPayNotice;
import com.paycallback.sandbox.WechatPayNoticeSigner;
import com.paycallback.sandbox.WechatPaySandboxKeys;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSANotificationConfig;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official wechatpay-java {@code NotificationParser} is the referee: every notice here goes
 * through it and through our authenticator and decryptor, and both must agree on accept or reject.
 * Both of WeChat Pay's key modes are covered: platform public key and platform certificate.
 */
class WechatPayOfficialSdkParityTest {

  private static final String PUBLIC_KEY_ID = WechatPayTestKeys.randomPublicKeyId();
  private static final byte[] API_V3_KEY = WechatPayTestKeys.randomApiV3Key();
  private static final X509Certificate CERTIFICATE =
      WechatPayTestKeys.selfSignedCertificate(
          RSA_CERTIFICATE_MODE, "Tenpay.com Root CA", NOW, Duration.ofDays(365));
  private static final String CERTIFICATE_SERIAL = WechatPayTestKeys.serialOf(CERTIFICATE);

  private final WechatPayKeyring keyring =
      new WechatPayKeyring(
          Map.of(PUBLIC_KEY_ID, WechatPaySandboxKeys.toPem(RSA_PUBLIC_KEY_MODE.getPublic())),
          List.of(WechatPaySandboxKeys.toPem(CERTIFICATE)));
  private final WechatPaySignatureVerifier authenticator =
      new WechatPaySignatureVerifier(keyring, CLOCK);
  private final WechatPayResourceDecryptor decryptor = new WechatPayResourceDecryptor(API_V3_KEY);

  enum Mode {
    PUBLIC_KEY,
    CERTIFICATE
  }

  enum Tampering {
    NONE(null),
    BODY_ALTERED(ReasonCode.SIGNATURE_INVALID),
    SERIAL_UNKNOWN(ReasonCode.UNKNOWN_KEY),
    SIGNED_BY_ANOTHER_KEY(ReasonCode.SIGNATURE_INVALID),
    API_V3_KEY_WRONG(ReasonCode.DECRYPTION_FAILED),
    SIGNTEST_PROBE(ReasonCode.SIGNATURE_INVALID);

    final ReasonCode expected;

    Tampering(ReasonCode expected) {
      this.expected = expected;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(Mode.values())
        .flatMap(mode -> Stream.of(Tampering.values()).map(t -> Arguments.of(mode, t)));
  }

  @ParameterizedTest(name = "{0} key, {1}")
  @MethodSource("cases")
  void weAcceptExactlyWhatTheOfficialParserAccepts(Mode mode, Tampering tampering) {
    SignedWechatPayNotice notice = notice(mode, tampering);

    boolean officialAccepts = officialAccepts(mode, notice);
    ReasonCode ours = ourVerdict(notice);

    assertThat(ours).isEqualTo(tampering.expected);
    assertThat(officialAccepts).isEqualTo(tampering.expected == null);
  }

  @Test
  void genuineNoticeReadsTheSameAsTheOfficialParserReadsIt() {
    SignedWechatPayNotice notice = notice(Mode.CERTIFICATE, Tampering.NONE);
    Transaction official =
        officialParser(Mode.CERTIFICATE).parse(request(notice), Transaction.class);

    WechatPaySignedRequest signed = authenticator.verify(notice.headers(), notice.body());
    PaymentNotice ours = decryptor.decrypt(notice.body()).toPaymentNotice();

    assertThat(signed.serial()).isEqualTo(CERTIFICATE_SERIAL);
    assertThat(signed.nonce()).isEqualTo(notice.headers().nonce());
    assertThat(signed.timestamp()).isEqualTo(NOW);
    assertThat(ours.channel()).isEqualTo("wechatpay");
    assertThat(ours.transactionId()).isEqualTo(official.getTransactionId());
    assertThat(ours.orderNo()).isEqualTo(official.getOutTradeNo());
    assertThat(ours.amount()).isEqualTo(official.getAmount().getTotal().longValue());
    assertThat(ours.currency()).isEqualTo(official.getAmount().getCurrency());
    assertThat(ours.tradeStatus()).isEqualTo(official.getTradeState().name());
    assertThat(ours.paid()).isTrue();
    assertThat(ours.paidAt())
        .isEqualTo(OffsetDateTime.parse(official.getSuccessTime()).toInstant());
    assertThat(ours.payerId()).isEqualTo(official.getPayer().getOpenid());
  }

  private SignedWechatPayNotice notice(Mode mode, Tampering tampering) {
    KeyPair keys = mode == Mode.PUBLIC_KEY ? RSA_PUBLIC_KEY_MODE : RSA_CERTIFICATE_MODE;
    String serial = mode == Mode.PUBLIC_KEY ? PUBLIC_KEY_ID : CERTIFICATE_SERIAL;
    if (tampering == Tampering.SIGNED_BY_ANOTHER_KEY) {
      keys = WechatPayTestData.RSA_STRANGER;
    }
    byte[] apiV3Key =
        tampering == Tampering.API_V3_KEY_WRONG ? WechatPayTestKeys.randomApiV3Key() : API_V3_KEY;
    SignedWechatPayNotice notice =
        new WechatPayNoticeSigner(keys.getPrivate(), serial, apiV3Key, CLOCK)
            .sign(WechatPayTestData.transactionJson("SUCCESS"));
    WechatPayHeaders h = notice.headers();
    return switch (tampering) {
      case NONE, SIGNED_BY_ANOTHER_KEY, API_V3_KEY_WRONG -> notice;
      case BODY_ALTERED ->
          new SignedWechatPayNotice(
              new String(notice.body(), StandardCharsets.UTF_8)
                  .replace("支付成功", "支付失败")
                  .getBytes(StandardCharsets.UTF_8),
              h);
      case SERIAL_UNKNOWN ->
          new SignedWechatPayNotice(
              notice.body(),
              new WechatPayHeaders(
                  h.timestamp(),
                  h.nonce(),
                  h.signature(),
                  mode == Mode.PUBLIC_KEY
                      ? WechatPayTestKeys.randomPublicKeyId()
                      : "7E2F9B1C0A4D5E6F7081920A3B4C5D6E7F809112",
                  h.signatureType()));
      case SIGNTEST_PROBE ->
          new SignedWechatPayNotice(
              notice.body(),
              new WechatPayHeaders(
                  h.timestamp(),
                  h.nonce(),
                  "WECHATPAY/SIGNTEST/" + h.signature(),
                  h.serial(),
                  h.signatureType()));
    };
  }

  private ReasonCode ourVerdict(SignedWechatPayNotice notice) {
    try {
      authenticator.verify(notice.headers(), notice.body());
      decryptor.decrypt(notice.body());
      return null;
    } catch (NoticeRejected e) {
      return e.reason();
    }
  }

  private static boolean officialAccepts(Mode mode, SignedWechatPayNotice notice) {
    try {
      officialParser(mode).parse(request(notice), Transaction.class);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static NotificationParser officialParser(Mode mode) {
    String apiV3Key = new String(API_V3_KEY, StandardCharsets.US_ASCII);
    return mode == Mode.PUBLIC_KEY
        ? new NotificationParser(
            new RSAPublicKeyNotificationConfig.Builder()
                .publicKey(RSA_PUBLIC_KEY_MODE.getPublic())
                .publicKeyId(PUBLIC_KEY_ID)
                .apiV3Key(apiV3Key)
                .build())
        : new NotificationParser(
            new RSANotificationConfig.Builder()
                .certificates(CERTIFICATE)
                .apiV3Key(apiV3Key)
                .build());
  }

  private static RequestParam request(SignedWechatPayNotice notice) {
    WechatPayHeaders h = notice.headers();
    return new RequestParam.Builder()
        .serialNumber(h.serial())
        .nonce(h.nonce())
        .signature(h.signature())
        .signType(h.signatureType())
        .timestamp(h.timestamp())
        .body(new String(notice.body(), StandardCharsets.UTF_8))
        .build();
  }
}
