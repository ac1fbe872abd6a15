package com.paycallback.notify.generic;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.paycallback.notify.NoticeRejected;
import com.paycallback.notify.PaymentNotice;
import com.paycallback.notify.ReasonCode;
import java.io.IOException;
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

  public static final String CHANNEL = "generic";
  public static final String STATUS_SUCCESS = "SUCCESS";

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  /**
   * @throws NoticeRejected {@link ReasonCode#MALFORMED} when the body is not such an object: a
   *     field missing or of the wrong type, a key repeated, an amount not a positive integer, a
   *     time not ISO-8601
   */
  public PaymentNotice parse(byte[] body) {
    JsonNode notice = readObject(body);
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

  private static JsonNode readObject(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw malformed("body is not a JSON object");
      }
      return node;
    } catch (JacksonException e) {
      throw malformed("body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw malformed("body is unreadable");
    }
  }

  private static long amount(JsonNode notice) {
    JsonNode amount = notice.get("amount");
    if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong()) {
      throw malformed("amount is not an integer number of minor units");
    }
    if (amount.longValue() <= 0) {
      throw malformed("amount must be positive");
    }
    return amount.longValue();
  }

  private static String text(JsonNode object, String field) {
    String value = optionalText(object, field);
    if (value == null || value.isBlank()) {
      throw malformed(field + " is missing");
    }
    return value;
  }

  private static String optionalText(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw malformed(field + " is not a string");
    }
    return value.textValue();
  }

  private static Instant instant(String time) {
    try {
      // An instant with Z or with an explicit offset: both name one moment.
      return OffsetDateTime.parse(time, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw malformed("paidAt is not an ISO-8601 instant");
    }
  }

  private static NoticeRejected malformed(String detail) {
    return new NoticeRejected(ReasonCode.MALFORMED, detail);
  }
}
