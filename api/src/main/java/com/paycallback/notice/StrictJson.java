package com.paycallback.notice;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Strict reading of notice JSON: a repeated key, a number where a string belongs or a fraction
 * where minor units belong is a {@link ReasonCode#MALFORMED} rejection, never a guess.
 */
public final class StrictJson {

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private StrictJson() {}

  /** Parses {@code json} as one JSON object; {@code what} names it in the rejection. */
  public static JsonNode object(byte[] json, String what) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || !node.isObject()) {
        throw malformed(what + " is not a JSON object");
      }
      return node;
    } catch (JacksonException e) {
      // Only where it broke: Jackson's own message quotes the offending input, which may be a
      // payer's data and would end up in the logs and the audit trail.
      throw malformed(
          what
              + " is not valid JSON"
              + (e.getLocation() == null
                  ? ""
                  : " at line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()));
    } catch (IOException e) {
      throw malformed(what + " is unreadable");
    }
  }

  /** A required, non-blank string field. */
  public static String text(JsonNode object, String field) {
    String value = optionalText(object, field);
    if (value == null || value.isBlank()) {
      throw malformed(field + " is missing");
    }
    return value;
  }

  /** A string field, or null when absent. */
  public static String optionalText(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw malformed(field + " is not a string");
    }
    return value.textValue();
  }

  /** A required integer field (amounts in minor units: no fractions, no strings). */
  public static long integer(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
      throw malformed(field + " is not an integer number of minor units");
    }
    return value.longValue();
  }

  public static NoticeRejected malformed(String detail) {
    return new NoticeRejected(ReasonCode.MALFORMED, detail);
  }
}
