package com.paycallback.gateway.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HmacSignatureVerifierTest {

  private static final Instant NOW = Instant.parse("2025-06-01T08:00:00Z");
  private static final byte[] BODY =
      "{\"transactionId\":\"T1\",\"amount\":12900}".getBytes(StandardCharsets.UTF_8);

  private final HmacSignatureVerifier verifier =
      new HmacSignatureVerifier(
          List.of("whsec_current", "whsec_previous"), Clock.fixed(NOW, ZoneOffset.UTC));

  private static ReasonCode rejection(ThrowingCallable call) {
    NoticeRejected rejected = catchThrowableOfType(NoticeRejected.class, call);
    assertThat(rejected).as("expected a NoticeRejected").isNotNull();
    return rejected.reason();
  }

  @Test
  void signatureWithTheCurrentSecretIsAcceptedAndYieldsItsTime() {
    String header = HmacSigner.signatureHeader("whsec_current", NOW, BODY);

    assertThat(verifier.verify(header, BODY)).isEqualTo(NOW);
  }

  @Test
  void signatureWithThePreviousSecretIsAcceptedDuringRotation() {
    String header = HmacSigner.signatureHeader("whsec_previous", NOW, BODY);

    assertThat(verifier.verify(header, BODY)).isEqualTo(NOW);
  }

  @Test
  void anyOfSeveralV1ValuesMayMatch() {
    String header = HmacSigner.signatureHeader(List.of("whsec_next", "whsec_current"), NOW, BODY);

    assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
    assertThat(verifier.verify(header, BODY)).isEqualTo(NOW);
  }

  @Test
  void partsMayBeSpacedAndUnknownSchemesAreIgnored() {
    String v1 = HmacSigner.signatureHeader("whsec_current", NOW, BODY).split(",")[1];

    assertThat(verifier.verify("t=" + NOW.getEpochSecond() + ", v0=abc, " + v1, BODY))
        .isEqualTo(NOW);
  }

  @Test
  void signatureWithAnUnknownSecretIsInvalid() {
    String header = HmacSigner.signatureHeader("whsec_attacker", NOW, BODY);

    assertThat(rejection(() -> verifier.verify(header, BODY)))
        .isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void tamperedBodyIsInvalid() {
    String header = HmacSigner.signatureHeader("whsec_current", NOW, BODY);
    byte[] tampered = "{\"transactionId\":\"T1\",\"amount\":1}".getBytes(StandardCharsets.UTF_8);

    assertThat(rejection(() -> verifier.verify(header, tampered)))
        .isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void signatureMovedToAnotherTimeIsInvalid() {
    String v1 = HmacSigner.signatureHeader("whsec_current", NOW, BODY).split(",")[1];

    assertThat(rejection(() -> verifier.verify("t=" + (NOW.getEpochSecond() + 1) + "," + v1, BODY)))
        .isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void staleSignatureIsRejected() {
    String header =
        HmacSigner.signatureHeader("whsec_current", NOW.minus(Duration.ofMinutes(6)), BODY);

    assertThat(rejection(() -> verifier.verify(header, BODY)))
        .isEqualTo(ReasonCode.STALE_TIMESTAMP);
  }

  @Test
  void signatureFromTheFutureIsRejectedLikeAStaleOne() {
    String header =
        HmacSigner.signatureHeader("whsec_current", NOW.plus(Duration.ofMinutes(6)), BODY);

    assertThat(rejection(() -> verifier.verify(header, BODY)))
        .isEqualTo(ReasonCode.STALE_TIMESTAMP);
  }

  @Test
  void configuredToleranceReplacesTheDefault() {
    HmacSignatureVerifier strict =
        new HmacSignatureVerifier(
            List.of("whsec_current"), Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC));
    String header =
        HmacSigner.signatureHeader("whsec_current", NOW.minus(Duration.ofMinutes(1)), BODY);

    assertThat(rejection(() -> strict.verify(header, BODY))).isEqualTo(ReasonCode.STALE_TIMESTAMP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "v1=abcd", "t=1748764800", "t=,v1=ab", "t=1748764800,v1"})
  void headerLackingTOrV1IsSignatureMissing(String header) {
    assertThat(rejection(() -> verifier.verify(header, BODY)))
        .isEqualTo(ReasonCode.SIGNATURE_MISSING);
  }

  @Test
  void absentHeaderIsSignatureMissing() {
    assertThat(rejection(() -> verifier.verify(null, BODY)))
        .isEqualTo(ReasonCode.SIGNATURE_MISSING);
  }

  @ParameterizedTest
  @ValueSource(strings = {"zz", "abc", "0xabcd", "ab cd"})
  void v1ThatIsNotHexIsInvalid(String v1) {
    assertThat(rejection(() -> verifier.verify("t=" + NOW.getEpochSecond() + ",v1=" + v1, BODY)))
        .isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "t=soon,v1=ab",
        "t=-1,v1=ab",
        "t=174876480012,v1=ab",
        "t=1748764800,t=1748764800,v1=ab"
      })
  void malformedTimestampIsMalformed(String header) {
    assertThat(rejection(() -> verifier.verify(header, BODY))).isEqualTo(ReasonCode.MALFORMED);
  }

  @Test
  void noSecretIsAConfigurationError() {
    assertThatThrownBy(() -> new HmacSignatureVerifier(List.of(), Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
