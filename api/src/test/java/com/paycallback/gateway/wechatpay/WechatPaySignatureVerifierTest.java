package com.paycallback.gateway.wechatpay;

import static com.paycallback.gateway.wechatpay.WechatPayTestData.CLOCK;
import static com.paycallback.gateway.wechatpay.WechatPayTestData.NOW;
import static com.paycallback.gateway.wechatpay.WechatPayTestData.RSA_PUBLIC_KEY_MODE;
import static com.paycallback.gateway.wechatpay.WechatPayTestData.clockAt;
import static com.paycallback.gateway.wechatpay.WechatPayTestData.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.notice.ReasonCode;
import com.paycallback.sandbox.SignedWechatPayNotice;
import com.paycallback.sandbox.WechatPayNoticeSigner;
import com.paycallback.sandbox.WechatPaySandboxKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WechatPaySignatureVerifierTest {

  private static final String KEY_ID = "PUB_KEY_ID_0112345678902025060100000000";
  private static final byte[] API_V3_KEY = WechatPayTestKeys.randomApiV3Key();

  private final WechatPayKeyring keyring =
      new WechatPayKeyring(
          Map.of(KEY_ID, WechatPaySandboxKeys.toPem(RSA_PUBLIC_KEY_MODE.getPublic())), List.of());
  private final WechatPaySignatureVerifier authenticator =
      new WechatPaySignatureVerifier(keyring, CLOCK);

  private SignedWechatPayNotice signedAt(Clock clock) {
    return new WechatPayNoticeSigner(RSA_PUBLIC_KEY_MODE.getPrivate(), KEY_ID, API_V3_KEY, clock)
        .sign(WechatPayTestData.transactionJson("SUCCESS"));
  }

  private static WechatPayHeaders with(
      WechatPayHeaders h, String timestamp, String nonce, String signature, String serial) {
    return new WechatPayHeaders(timestamp, nonce, signature, serial, h.signatureType());
  }

  @Test
  void genuineNoticeYieldsItsNonceAndTimestampForTheReplayCheck() {
    SignedWechatPayNotice notice = signedAt(CLOCK);

    WechatPaySignedRequest signed = authenticator.verify(notice.headers(), notice.body());

    assertThat(signed.serial()).isEqualTo(KEY_ID);
    assertThat(signed.signatureType()).isEqualTo(WechatPaySignatureType.RSA);
    assertThat(signed.nonce()).isEqualTo(notice.headers().nonce());
    assertThat(signed.timestamp()).isEqualTo(NOW);
  }

  @Test
  void absentSignatureTypeMeansRsa() {
    SignedWechatPayNotice notice = signedAt(CLOCK);
    WechatPayHeaders h = notice.headers();
    WechatPayHeaders untyped =
        new WechatPayHeaders(h.timestamp(), h.nonce(), h.signature(), h.serial(), null);

    assertThat(authenticator.verify(untyped, notice.body()).signatureType())
        .isEqualTo(WechatPaySignatureType.RSA);
  }

  @Test
  void noticeSignedSixMinutesAgoIsStale() {
    SignedWechatPayNotice notice = signedAt(clockAt(NOW.minus(Duration.ofMinutes(6))));

    assertThat(rejection(() -> authenticator.verify(notice.headers(), notice.body())))
        .isEqualTo(ReasonCode.STALE_TIMESTAMP);
  }

  @Test
  void noticeSignedSixMinutesAheadIsRejectedLikeAStaleOne() {
    SignedWechatPayNotice notice = signedAt(clockAt(NOW.plus(Duration.ofMinutes(6))));

    assertThat(rejection(() -> authenticator.verify(notice.headers(), notice.body())))
        .isEqualTo(ReasonCode.STALE_TIMESTAMP);
  }

  @Test
  void noticeJustInsideTheSkewIsAccepted() {
    SignedWechatPayNotice notice = signedAt(clockAt(NOW.minus(Duration.ofMinutes(5))));

    assertThat(authenticator.verify(notice.headers(), notice.body()).timestamp())
        .isEqualTo(NOW.minus(Duration.ofMinutes(5)));
  }

  @Test
  void configuredSkewReplacesTheDefault() {
    SignedWechatPayNotice notice = signedAt(clockAt(NOW.minus(Duration.ofMinutes(2))));
    WechatPaySignatureVerifier strict =
        new WechatPaySignatureVerifier(keyring, Duration.ofMinutes(1), CLOCK);

    assertThat(rejection(() -> strict.verify(notice.headers(), notice.body())))
        .isEqualTo(ReasonCode.STALE_TIMESTAMP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"timestamp", "nonce", "signature", "serial"})
  void missingSignatureHeaderIsSignatureMissing(String missing) {
    SignedWechatPayNotice notice = signedAt(CLOCK);
    WechatPayHeaders h = notice.headers();
    WechatPayHeaders headers =
        with(
            h,
            missing.equals("timestamp") ? null : h.timestamp(),
            missing.equals("nonce") ? null : h.nonce(),
            missing.equals("signature") ? " " : h.signature(),
            missing.equals("serial") ? "" : h.serial());

    assertThat(rejection(() -> authenticator.verify(headers, notice.body())))
        .isEqualTo(ReasonCode.SIGNATURE_MISSING);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not base64!", "abc", "====", "YWJj\nZGVm"})
  void signatureThatIsNotBase64IsInvalidNotAnError(String signature) {
    SignedWechatPayNotice notice = signedAt(CLOCK);
    WechatPayHeaders h = notice.headers();

    assertThat(
            rejection(
                () ->
                    authenticator.verify(
                        with(h, h.timestamp(), h.nonce(), signature, h.serial()), notice.body())))
        .isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void base64GarbageOfTheWrongLengthIsInvalid() {
    SignedWechatPayNotice notice = signedAt(CLOCK);
    WechatPayHeaders h = notice.headers();

    assertThat(
            rejection(
                () ->
                    authenticator.verify(
                        with(h, h.timestamp(), h.nonce(), "c2lnbmF0dXJl", h.serial()),
                        notice.body())))
        .isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"17487648OO", "-1748764800", "1.7e9", "174876480000000"})
  void timestampThatIsNotUnixSecondsIsMalformed(String timestamp) {
    SignedWechatPayNotice notice = signedAt(CLOCK);
    WechatPayHeaders h = notice.headers();

    assertThat(
            rejection(
                () ->
                    authenticator.verify(
                        with(h, timestamp, h.nonce(), h.signature(), h.serial()), notice.body())))
        .isEqualTo(ReasonCode.MALFORMED);
  }

  @Test
  void signtestProbeIsRejectedAsAnInvalidSignature() {
    SignedWechatPayNotice notice = signedAt(CLOCK);
    WechatPayHeaders h = notice.headers();
    String probe = "WECHATPAY/SIGNTEST/" + h.signature();

    assertThat(
            rejection(
                () ->
                    authenticator.verify(
                        with(h, h.timestamp(), h.nonce(), probe, h.serial()), notice.body())))
        .isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void signatureOverAnotherNonceIsInvalid() {
    SignedWechatPayNotice notice = signedAt(CLOCK);
    WechatPayHeaders h = notice.headers();

    assertThat(
            rejection(
                () ->
                    authenticator.verify(
                        with(h, h.timestamp(), "ANOTHERNONCE", h.signature(), h.serial()),
                        notice.body())))
        .isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void bodyAlteredByOneByteIsInvalid() {
    SignedWechatPayNotice notice = signedAt(CLOCK);
    byte[] body = notice.body().clone();
    body[body.length - 1] = ' ';

    assertThat(rejection(() -> authenticator.verify(notice.headers(), body)))
        .isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void unknownSerialIsUnknownKey() {
    SignedWechatPayNotice notice = signedAt(CLOCK);
    WechatPayHeaders h = notice.headers();

    assertThat(
            rejection(
                () ->
                    authenticator.verify(
                        with(h, h.timestamp(), h.nonce(), h.signature(), "PUB_KEY_ID_0000"),
                        notice.body())))
        .isEqualTo(ReasonCode.UNKNOWN_KEY);
  }

  @Test
  void sm2SignatureTypeOnAnRsaKeyIsInvalid() {
    SignedWechatPayNotice notice = signedAt(CLOCK);
    WechatPayHeaders h = notice.headers();
    WechatPayHeaders sm2 =
        new WechatPayHeaders(
            h.timestamp(),
            h.nonce(),
            h.signature(),
            h.serial(),
            WechatPaySignatureType.SM2.headerValue());

    assertThat(rejection(() -> authenticator.verify(sm2, notice.body())))
        .isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void unknownSignatureTypeIsInvalid() {
    SignedWechatPayNotice notice = signedAt(CLOCK);
    WechatPayHeaders h = notice.headers();
    WechatPayHeaders other =
        new WechatPayHeaders(
            h.timestamp(), h.nonce(), h.signature(), h.serial(), "WECHATPAY2-SHA1-RSA1024");

    assertThat(rejection(() -> authenticator.verify(other, notice.body())))
        .isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void headersAreReadByTheirWechatPayNames() {
    SignedWechatPayNotice notice = signedAt(CLOCK);
    Map<String, String> wire = notice.headers().asMap();

    WechatPayHeaders read = WechatPayHeaders.from(wire::get);

    assertThat(wire)
        .containsOnlyKeys(
            "Wechatpay-Timestamp",
            "Wechatpay-Nonce",
            "Wechatpay-Signature",
            "Wechatpay-Serial",
            "Wechatpay-Signature-Type");
    assertThat(authenticator.verify(read, notice.body()).nonce())
        .isEqualTo(notice.headers().nonce());
    assertThat(new String(notice.body(), StandardCharsets.UTF_8))
        .contains("\"event_type\":\"TRANSACTION.SUCCESS\"");
  }
}
