package com.paycallback.gateway.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.PaymentNotice;
import com.paycallback.notice.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenericNoticeParserTest {

  private static final String PAID =
      """
      {"transactionId":"GT-20250601-0001","orderNo":"20250601000042","amount":12900,\
      "currency":"CNY","status":"SUCCESS","paidAt":"2025-06-01T07:59:30Z","payerId":"u-77"}""";

  private final GenericNoticeParser parser = new GenericNoticeParser();

  private PaymentNotice parse(String json) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private ReasonCode rejection(String json) {
    NoticeRejected rejected = catchThrowableOfType(NoticeRejected.class, () -> parse(json));
    assertThat(rejected).as("expected a NoticeRejected").isNotNull();
    return rejected.reason();
  }

  @Test
  void paidNoticeMapsToAPaymentNoticeInMinorUnits() {
    assertThat(parse(PAID))
        .isEqualTo(
            new PaymentNotice(
                "generic",
                "GT-20250601-0001",
                "20250601000042",
                12900,
                "CNY",
                true,
                "SUCCESS",
                Instant.parse("2025-06-01T07:59:30Z"),
                "u-77"));
  }

  @Test
  void payerIdIsOptionalAndAnOffsetNamesTheSameInstant() {
    PaymentNotice notice =
        parse(
            PAID.replace(",\"payerId\":\"u-77\"", "")
                .replace("2025-06-01T07:59:30Z", "2025-06-01T15:59:30+08:00"));

    assertThat(notice.payerId()).isNull();
    assertThat(notice.paidAt()).isEqualTo(Instant.parse("2025-06-01T07:59:30Z"));
  }

  @Test
  void statusOtherThanSuccessIsParsedButNotPaid() {
    PaymentNotice notice = parse(PAID.replace("\"SUCCESS\"", "\"CLOSED\""));

    assertThat(notice.paid()).isFalse();
    assertThat(notice.tradeStatus()).isEqualTo("CLOSED");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"129.00", "12900.0", "1.29e4", "\"12900\"", "0", "-12900", "null", "true"})
  void amountThatIsNotAPositiveJsonIntegerIsMalformed(String amount) {
    assertThat(rejection(PAID.replace("12900", amount))).isEqualTo(ReasonCode.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"transactionId\":\"GT-20250601-0001\",",
        "\"orderNo\":\"20250601000042\",",
        "\"amount\":12900,",
        "\"currency\":\"CNY\",",
        "\"status\":\"SUCCESS\",",
        ",\"paidAt\":\"2025-06-01T07:59:30Z\""
      })
  void noticeLackingAFieldIsMalformed(String field) {
    assertThat(rejection(PAID.replace(field, ""))).isEqualTo(ReasonCode.MALFORMED);
  }

  @Test
  void duplicatedKeyIsMalformedRatherThanLastOneWins() {
    assertThat(rejection(PAID.replace("\"amount\":12900", "\"amount\":1,\"amount\":12900")))
        .isEqualTo(ReasonCode.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "[]", "{} {}"})
  void bodyThatIsNotOneJsonObjectIsMalformed(String body) {
    assertThat(rejection(body)).isEqualTo(ReasonCode.MALFORMED);
  }

  @Test
  void paidAtThatIsNotIso8601IsMalformed() {
    assertThat(rejection(PAID.replace("2025-06-01T07:59:30Z", "2025-06-01 07:59:30")))
        .isEqualTo(ReasonCode.MALFORMED);
  }

  @Test
  void currencyThatIsNotIso4217IsMalformed() {
    assertThat(rejection(PAID.replace("\"CNY\"", "\"yuan\""))).isEqualTo(ReasonCode.MALFORMED);
  }
}
