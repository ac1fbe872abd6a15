package com.paycallback.gateway.generic;

import static com.paycallback.notice.StrictJson.malformed;
import static com.paycallback.notice.StrictJson.optionalText;
import static com.paycallback.notice.StrictJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.PaymentNotice;
import com.paycallback.notice.ReasonCode;
import com.paycallback.notice.StrictJson;
import com.paycallback.settlement.PaymentChannel;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads the generic channel's body, {@code {"transactionId", "orderNo", "amount", "currency",
 * "status", "paidAt", "payerId"?}}, strictly: the amount is a JSON integer of minor units (never a
 * decimal or a string, so no rounding can creep in), and a key sent twice is refused rather than
 * letting the last one silently win.
 */
public final class GenericNoticeParser {

  public static final String CHANNEL = PaymentChannel.GENERIC.id();
  public static final String STATUS_SUCCESS = "SUCCESS";

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  /**
   * @throws NoticeRejected {@link ReasonCode#MALFORMED} when the body is not such an object: a
   *     field missing or of the wrong type, a key repeated, an amount not a positive integer, a
   *     time not ISO-8601
   */
  public PaymentNotice parse(byte[] body) {
    JsonNode notice = StrictJson.object(body, "body");
    long amount = amount(notice);
    String currency = text(notice, "currency");
    if (!CURRENCY.matcher(currency).matches()) {
      throw malformed("currency is not an ISO 4217 code");
    }
    String status = text(notice, "status");
    return new PaymentNotice(
        CHANNEL,
        text(notice, "transactionId"),
        text(notice, "orderNo"),
        amount,
        currency,
        STATUS_SUCCESS.equals(status),
        status,
        instant(text(notice, "paidAt")),
        optionalText(notice, "payerId"));
  }

  private static long amount(JsonNode notice) {
    long amount = StrictJson.integer(notice, "amount");
    if (amount <= 0) {
      throw malformed("amount must be positive");
    }
    return amount;
  }

  private static Instant instant(String time) {
    try {
      // An instant with Z or with an explicit offset: both name one moment.
      return OffsetDateTime.parse(time, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw malformed("paidAt is not an ISO-8601 instant");
    }
  }
}
