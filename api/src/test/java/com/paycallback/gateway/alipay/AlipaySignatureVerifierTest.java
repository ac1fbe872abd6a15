package com.paycallback.gateway.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alipay.api.internal.util.AlipaySignature;
import com.paycallback.notice.FormBody;
import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.ReasonCode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our RSA2 verifier against notices signed by the official alipay-sdk-java. */
class AlipaySignatureVerifierTest {

  private static final KeyPair ALIPAY = AlipayNotices.newKeyPair();
  private static final KeyPair OTHER = AlipayNotices.newKeyPair();

  private final AlipaySignatureVerifier verifier =
      new AlipaySignatureVerifier(new AlipayKeys(List.of(ALIPAY.getPublic())));

  private static Map<String, String> notice() {
    return AlipayNotices.signed(
        AlipayNotices.paid("2021000000000000", "2088000000000000", "T1", "PO1", "88.88"), ALIPAY);
  }

  private ReasonCode rejection(Map<String, String> params) {
    assertThat(AlipayNotices.sdkAccepts(params, ALIPAY.getPublic())).isFalse();
    return rejectionWithoutSdk(params);
  }

  private ReasonCode rejectionWithoutSdk(Map<String, String> params) {
    try {
      verifier.verify(params, StandardCharsets.UTF_8);
      return null;
    } catch (NoticeRejected e) {
      return e.reason();
    }
  }

  @Test
  void sdkSignedNoticeVerifies() {
    Map<String, String> params = notice();
    assertThat(AlipayNotices.sdkAccepts(params, ALIPAY.getPublic())).isTrue();
    verifier.verify(params, StandardCharsets.UTF_8);
  }

  @Test
  void verificationLeavesTheCallersParametersAlone() {
    Map<String, String> params = notice();
    Map<String, String> before = new HashMap<>(params);
    verifier.verify(params, StandardCharsets.UTF_8);
    assertThat(params).isEqualTo(before);
  }

  @Test
  void changedAmountFails() {
    Map<String, String> params = notice();
    params.put("total_amount", "88.89");
    assertThat(rejection(params)).isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void removedSignFails() {
    Map<String, String> params = notice();
    params.remove("sign");
    assertThat(rejection(params)).isEqualTo(ReasonCode.SIGNATURE_MISSING);
  }

  @Test
  void emptySignFails() {
    Map<String, String> params = notice();
    params.put("sign", "");
    assertThat(rejection(params)).isEqualTo(ReasonCode.SIGNATURE_MISSING);
  }

  @Test
  void wrongKeyFails() {
    Map<String, String> params =
        AlipayNotices.signed(
            AlipayNotices.paid("2021000000000000", "2088000000000000", "T1", "PO1", "88.88"),
            OTHER);
    assertThat(rejection(params)).isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void garbageSignFails() {
    Map<String, String> params = notice();
    params.put("sign", "not*base64!");
    assertThat(rejection(params)).isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void signBrokenIntoLinesVerifiesAsTheSdkReadsIt() {
    Map<String, String> params = notice();
    String sign = params.get("sign");
    params.put("sign", sign.substring(0, 76) + "\r\n" + sign.substring(76));
    assertThat(AlipayNotices.sdkAccepts(params, ALIPAY.getPublic())).isTrue();
    verifier.verify(params, StandardCharsets.UTF_8);
  }

  @Test
  void verifyingFromSeveralThreadsAtOnceGivesEachItsOwnAnswer() throws Exception {
    Map<String, String> genuine = notice();
    Map<String, String> altered = notice();
    altered.put("total_amount", "88.89");
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<ReasonCode>> answers = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        Map<String, String> params = i % 2 == 0 ? genuine : altered;
        answers.add(threads.submit(() -> rejectionWithoutSdk(params)));
      }
      for (int i = 0; i < answers.size(); i++) {
        assertThat(answers.get(i).get())
            .isEqualTo(i % 2 == 0 ? null : ReasonCode.SIGNATURE_INVALID);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void anyOfSeveralKeysMayMatchDuringRotation() {
    AlipaySignatureVerifier rotating =
        new AlipaySignatureVerifier(new AlipayKeys(List.of(OTHER.getPublic(), ALIPAY.getPublic())));
    rotating.verify(notice(), StandardCharsets.UTF_8);
  }

  @Test
  void gbkNoticeWithChineseSubjectVerifiesFromItsRawForm() {
    Map<String, String> unsigned =
        AlipayNotices.paid("2021000000000000", "2088000000000000", "T2", "PO2", "12.80");
    unsigned.put("charset", "gbk");
    unsigned.put("subject", "西湖龙井 250克 礼盒装");
    unsigned.put("body", "杭州·明前特级");
    Map<String, String> signed = AlipayNotices.signed(unsigned, ALIPAY);
    assertThat(AlipayNotices.sdkAccepts(signed, ALIPAY.getPublic())).isTrue();

    byte[] wire = AlipayNotices.form(signed).getBytes(StandardCharsets.US_ASCII);
    Map<String, String> parsed =
        FormBody.parse(wire, "charset", name -> Charset.forName(name)).params();
    assertThat(parsed).containsEntry("subject", "西湖龙井 250克 礼盒装");
    verifier.verify(parsed, Charset.forName("gbk"));
    assertThatThrownBy(() -> verifier.verify(parsed, StandardCharsets.UTF_8))
        .isInstanceOf(NoticeRejected.class);
  }

  /**
   * Issue 11: what alipay-sdk-java leaves out of the signed content (a key or value that is empty
   * or whitespace only, by {@code Character.isWhitespace}) we leave out, and what it keeps (U+00A0,
   * values with spaces around text) we keep, byte for byte.
   */
  @ParameterizedTest(name = "value [{0}]")
  @ValueSource(
      strings = {"", " ", "  ", "\t", "\n", "\u3000", "\u2007", "\u00a0", " x ", "\u001c", "x"})
  void signedContentLeavesOutWhatTheSdkLeavesOut(String value) throws Exception {
    Map<String, String> params = notice();
    params.put("passback_params", value);
    params.put(" ", "blank key");
    Map<String, String> sdkView = new HashMap<>(params);
    assertThat(AlipaySignContent.of(params))
        .isEqualTo(AlipaySignature.getSignCheckContentV1(sdkView));
  }

  @ParameterizedTest(name = "value [{0}]")
  @ValueSource(strings = {"", " ", "\t", "\u3000", "\u00a0", " x "})
  void noticeSignedByTheSdkWithBlankValuesVerifiesLikeTheSdk(String value) {
    Map<String, String> unsigned =
        AlipayNotices.paid("2021000000000000", "2088000000000000", "T3", "PO3", "8.00");
    unsigned.put("body", value);
    Map<String, String> signed = AlipayNotices.signed(unsigned, ALIPAY);
    assertThat(AlipayNotices.sdkAccepts(signed, ALIPAY.getPublic())).isTrue();
    verifier.verify(signed, StandardCharsets.UTF_8);

    // Dropping a value the SDK leaves out changes nothing; dropping one it signs breaks the sign.
    Map<String, String> withoutIt = new HashMap<>(signed);
    withoutIt.remove("body");
    boolean sdkAccepts = AlipayNotices.sdkAccepts(withoutIt, ALIPAY.getPublic());
    if (sdkAccepts) {
      verifier.verify(withoutIt, StandardCharsets.UTF_8);
    } else {
      assertThatThrownBy(() -> verifier.verify(withoutIt, StandardCharsets.UTF_8))
          .isInstanceOf(NoticeRejected.class);
    }
  }

  @Test
  void yuanAmountsAreParsedExactlyIntoFen() {
    assertThat(AlipayNoticeChannel.fen("88.88")).isEqualTo(8888);
    assertThat(AlipayNoticeChannel.fen("0.01")).isEqualTo(1);
    assertThat(AlipayNoticeChannel.fen("100")).isEqualTo(10000);
    assertThat(AlipayNoticeChannel.fen("19.9")).isEqualTo(1990);
    for (String bad : List.of("1.001", "-1.00", "0.00", "1e2", " 1.00", "abc", "1,00")) {
      assertThatThrownBy(() -> AlipayNoticeChannel.fen(bad))
          .isInstanceOf(NoticeRejected.class)
          .extracting(e -> ((NoticeRejected) e).reason())
          .isEqualTo(ReasonCode.MALFORMED);
    }
  }
}
