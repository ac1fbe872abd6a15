package com.paycallback.gateway.wechatpay;

import static com.paycallback.notice.StrictJson.integer;
import static com.paycallback.notice.StrictJson.malformed;
import static com.paycallback.notice.StrictJson.optionalText;
import static com.paycallback.notice.StrictJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.ReasonCode;
import com.paycallback.notice.StrictJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.InvalidCipherTextException;

/**
 * Opens the encrypted {@code resource} of a WeChat Pay API v3 payment notice with the merchant's
 * APIv3 key and reads the transaction inside.
 *
 * <p>The notice: {@code {"id", "create_time", "resource_type", "event_type", "summary", "resource":
 * {"original_type", "algorithm", "ciphertext", "associated_data", "nonce"}}}, the ciphertext base64
 * with the GCM tag at its end, the nonce and associated data as UTF-8 text. An absent {@code
 * associated_data} is read as empty. Only call this on a body whose signature is proven: the key is
 * the merchant's, but the decryption oracle should not be anyone's.
 */
public final class WechatPayResourceDecryptor {

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final String DEFAULT_CURRENCY = "CNY";

  private final byte[] apiV3Key;

  /**
   * @param apiV3Key the 32-byte APIv3 key set in the merchant platform
   */
  public WechatPayResourceDecryptor(byte[] apiV3Key) {
    if (apiV3Key.length != WechatPayAead.API_V3_KEY_LENGTH) {
      throw new IllegalArgumentException("the WeChat Pay APIv3 key must be 32 bytes");
    }
    this.apiV3Key = apiV3Key.clone();
  }

  /**
   * @param apiV3Key the APIv3 key as set in the merchant platform: 32 ASCII characters
   */
  public WechatPayResourceDecryptor(String apiV3Key) {
    this(apiV3Key.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Decrypts the resource and maps the transaction in it. Any event type is read; whether the buyer
   * paid is the transaction's {@code trade_state}.
   *
   * @throws NoticeRejected {@link ReasonCode#DECRYPTION_FAILED} when the resource does not open
   *     with the APIv3 key (wrong key, altered ciphertext, nonce or associated data), {@link
   *     ReasonCode#MALFORMED} when the notice or the transaction lacks a field, has one of the
   *     wrong type, repeats a key, or names an unknown algorithm
   */
  public WechatPayNotification decrypt(byte[] body) {
    Opened opened = open(body);
    return new WechatPayNotification(
        text(opened.notice, "id"),
        optionalText(opened.notice, "create_time"),
        text(opened.notice, "event_type"),
        optionalText(opened.notice, "resource_type"),
        optionalText(opened.notice, "summary"),
        opened.algorithm,
        transaction(StrictJson.object(opened.plaintext, "decrypted resource")));
  }

  /**
   * Decrypts the resource of a refund notice ({@code REFUND.SUCCESS / ABNORMAL / CLOSED}, resource
   * {@code original_type} {@code refund}) and maps the refund in it.
   *
   * @throws NoticeRejected as {@link #decrypt} does
   */
  public WechatPayRefund decryptRefund(byte[] body) {
    return refund(StrictJson.object(open(body).plaintext, "decrypted resource"));
  }

  private Opened open(byte[] body) {
    JsonNode notice = StrictJson.object(body, "notice");
    JsonNode resource = notice.get("resource");
    if (resource == null || !resource.isObject()) {
      throw malformed("notice has no resource object");
    }
    String algorithmName = text(resource, "algorithm");
    WechatPayCipherAlgorithm algorithm =
        WechatPayCipherAlgorithm.fromName(algorithmName)
            .orElseThrow(() -> malformed("unsupported resource algorithm " + algorithmName));
    byte[] ciphertext;
    try {
      ciphertext = Base64.getDecoder().decode(text(resource, "ciphertext"));
    } catch (IllegalArgumentException e) {
      throw malformed("resource.ciphertext is not base64");
    }
    byte[] nonce = text(resource, "nonce").getBytes(StandardCharsets.UTF_8);
    String associatedData = optionalText(resource, "associated_data");
    byte[] aad =
        associatedData == null ? new byte[0] : associatedData.getBytes(StandardCharsets.UTF_8);

    try {
      return new Opened(
          notice, algorithm, WechatPayAead.decrypt(algorithm, apiV3Key, nonce, aad, ciphertext));
    } catch (InvalidCipherTextException | IllegalArgumentException | IllegalStateException e) {
      throw new NoticeRejected(
          ReasonCode.DECRYPTION_FAILED, "resource does not decrypt with the APIv3 key");
    }
  }

  /** A notice whose resource opened with the APIv3 key. */
  private record Opened(JsonNode notice, WechatPayCipherAlgorithm algorithm, byte[] plaintext) {}

  private static WechatPayRefund refund(JsonNode json) {
    String status = text(json, "refund_status");
    String successTime = optionalText(json, "success_time");
    JsonNode amount = json.get("amount");
    if (amount == null || !amount.isObject()) {
      throw malformed("refund has no amount object");
    }
    long refunded = integer(amount, "refund");
    if (refunded <= 0) {
      throw malformed("amount.refund must be positive");
    }
    String currency = optionalText(amount, "currency");
    if (currency == null) {
      currency = DEFAULT_CURRENCY;
    } else if (!CURRENCY.matcher(currency).matches()) {
      throw malformed("amount.currency is not an ISO 4217 code");
    }
    return new WechatPayRefund(
        text(json, "mchid"),
        text(json, "out_trade_no"),
        text(json, "transaction_id"),
        text(json, "out_refund_no"),
        text(json, "refund_id"),
        status,
        successTime == null ? null : rfc3339(successTime),
        refunded,
        currency);
  }

  /** A transaction object: a notice's decrypted resource, or a trade query's answer. */
  static WechatPayTransaction transaction(JsonNode json) {
    String tradeState = text(json, "trade_state");
    String successTime = optionalText(json, "success_time");
    if (successTime == null && WechatPayTransaction.TRADE_STATE_SUCCESS.equals(tradeState)) {
      throw malformed("a SUCCESS transaction without success_time");
    }
    JsonNode amount = json.get("amount");
    if (amount == null || !amount.isObject()) {
      throw malformed("transaction has no amount object");
    }
    long total = integer(amount, "total");
    if (total <= 0) {
      throw malformed("amount.total must be positive");
    }
    Long payerTotal = amount.hasNonNull("payer_total") ? integer(amount, "payer_total") : null;
    if (payerTotal != null && payerTotal < 0) {
      throw malformed("amount.payer_total must not be negative");
    }
    String currency = optionalText(amount, "currency");
    if (currency == null) {
      currency = DEFAULT_CURRENCY;
    } else if (!CURRENCY.matcher(currency).matches()) {
      throw malformed("amount.currency is not an ISO 4217 code");
    }
    JsonNode payer = json.get("payer");
    if (payer != null && !payer.isNull() && !payer.isObject()) {
      throw malformed("payer is not an object");
    }
    return new WechatPayTransaction(
        text(json, "appid"),
        text(json, "mchid"),
        text(json, "out_trade_no"),
        text(json, "transaction_id"),
        tradeState,
        successTime == null ? null : rfc3339(successTime),
        payer == null || payer.isNull() ? null : optionalText(payer, "openid"),
        total,
        currency,
        payerTotal);
  }

  private static Instant rfc3339(String time) {
    try {
      return OffsetDateTime.parse(time, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw malformed("success_time is not an RFC 3339 time");
    }
  }
}
