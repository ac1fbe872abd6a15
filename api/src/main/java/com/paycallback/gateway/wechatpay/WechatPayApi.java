package com.paycallback.gateway.wechatpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.paycallback.crypto.RsaSigner;
import com.paycallback.crypto.Signer;
import com.paycallback.gateway.GatewayAnswerForged;
import com.paycallback.gateway.GatewayCallFailed;
import com.paycallback.notice.NoticeRejected;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The one caller of WeChat Pay's API v3 (refunds, refund queries, trade queries, closes).
 *
 * <p>Every request carries {@code Authorization: WECHATPAY2-SHA256-RSA2048
 * mchid="..",nonce_str="..",signature="..",timestamp="..",serial_no=".."}, the signature
 * SHA256withRSA with the merchant's API key over {@link #message} (WeChat Pay "签名生成"). Every answer
 * below 500 — errors included, since the shop acts on some of them (ORDER_NOT_EXIST) — must carry
 * WeChat Pay's {@code Wechatpay-Signature} over {@code timestamp\nnonce\nbody\n}, checked with the
 * same keys, signature types and clock skew as the notices; a 5xx is a failed call whatever it
 * carries, so nothing is decided on an unsigned word.
 */
public final class WechatPayApi {

  public static final String AUTHORIZATION_SCHEME = "WECHATPAY2-SHA256-RSA2048";

  // Inside the saga's 30 s activity timeout, with room for the connect timeout.
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  /**
   * A verified answer.
   *
   * @param body the JSON answer, an empty object when WeChat Pay sent no body (204)
   */
  public record Answer(int status, JsonNode body) {

    /** WeChat Pay's error code ({@code code}), empty on success. */
    public String code() {
      return body.path("code").asText("");
    }

    @Override
    public String toString() {
      return "HTTP " + status + (code().isEmpty() ? "" : " " + code());
    }
  }

  private final WechatPayMerchant merchant;
  private final Signer merchantKey;
  private final WechatPaySignatureVerifier answers;
  private final HttpClient http;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param answers WeChat Pay's keys as the notice channel trusts them: WeChat Pay signs its API
   *     answers exactly as it signs notices
   */
  public WechatPayApi(
      WechatPayMerchant merchant,
      WechatPaySignatureVerifier answers,
      HttpClient http,
      Clock clock) {
    if (merchant.mchId() == null
        || merchant.mchId().isBlank()
        || merchant.serialNumber() == null
        || merchant.serialNumber().isBlank()) {
      throw new IllegalStateException(
          "WeChat Pay's API needs paycallback.channels.wechatpay.mch-id and"
              + " paycallback.channels.wechatpay.merchant-serial-number with the private key");
    }
    this.merchant = merchant;
    this.merchantKey = new RsaSigner(merchant.privateKey());
    this.answers = answers;
    this.http = http;
    this.clock = clock;
  }

  /** Our merchant id, which query calls name and answers must carry. */
  public String mchId() {
    return merchant.mchId();
  }

  /**
   * {@code GET} of a path with its query, e.g. {@code
   * /v3/pay/transactions/out-trade-no/..?mchid=..}.
   *
   * @throws GatewayAnswerForged when the answer does not carry WeChat Pay's valid signature
   * @throws GatewayCallFailed when WeChat Pay cannot be reached, answers 5xx or not JSON
   */
  public Answer get(String pathAndQuery) {
    return call("GET", pathAndQuery, "");
  }

  /**
   * {@code POST} of a JSON body.
   *
   * @throws GatewayAnswerForged when the answer does not carry WeChat Pay's valid signature
   * @throws GatewayCallFailed when WeChat Pay cannot be reached, answers 5xx or not JSON
   */
  public Answer post(String path, JsonNode body) {
    return call("POST", path, body.toString());
  }

  /**
   * What the merchant signs: {@code METHOD\nURL\ntimestamp\nnonce\nbody\n}, the URL being the
   * request's absolute path with its query, as sent, and the body empty for a GET.
   */
  public static byte[] message(
      String method, String pathAndQuery, String timestamp, String nonce, String body) {
    return String.join("\n", method, pathAndQuery, timestamp, nonce, body, "")
        .getBytes(StandardCharsets.UTF_8);
  }

  private Answer call(String method, String pathAndQuery, String body) {
    URI uri = URI.create(stripTrailingSlash(merchant.apiBaseUrl().get().toString()) + pathAndQuery);
    String signedUrl =
        uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .header("Authorization", authorization(method, signedUrl, body));
    if (method.equals("POST")) {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.GET();
    }
    HttpResponse<String> response = send(request.build(), method + " " + pathAndQuery);
    if (response.statusCode() >= 500) {
      throw new GatewayCallFailed(
          "WeChat Pay answered "
              + method
              + " "
              + pathAndQuery
              + " with HTTP "
              + response.statusCode());
    }
    try {
      answers.verify(
          WechatPayHeaders.from(name -> response.headers().firstValue(name).orElse(null)),
          response.body().getBytes(StandardCharsets.UTF_8));
    } catch (NoticeRejected rejected) {
      throw new GatewayAnswerForged(
          "WeChat Pay's answer to "
              + method
              + " "
              + pathAndQuery
              + " does not carry a valid signature: "
              + rejected.reason());
    }
    return new Answer(response.statusCode(), parse(response.body()));
  }

  private String authorization(String method, String signedUrl, String body) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    byte[] nonceBytes = new byte[16];
    random.nextBytes(nonceBytes);
    String nonce = HexFormat.of().formatHex(nonceBytes).toUpperCase(Locale.ROOT);
    String signature =
        Base64.getEncoder()
            .encodeToString(merchantKey.sign(message(method, signedUrl, timestamp, nonce, body)));
    return AUTHORIZATION_SCHEME
        + " mchid=\"%s\",nonce_str=\"%s\",signature=\"%s\",timestamp=\"%s\",serial_no=\"%s\""
            .formatted(merchant.mchId(), nonce, signature, timestamp, merchant.serialNumber());
  }

  private HttpResponse<String> send(HttpRequest request, String what) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new GatewayCallFailed(
          "WeChat Pay is unreachable for " + what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayCallFailed("interrupted while calling WeChat Pay for " + what, e);
    }
  }

  private JsonNode parse(String body) {
    if (body.isEmpty()) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      JsonNode parsed = json.readTree(body);
      if (parsed == null || !parsed.isObject()) {
        throw new GatewayCallFailed("WeChat Pay's answer is not a JSON object");
      }
      return parsed;
    } catch (IOException e) {
      throw new GatewayCallFailed("unreadable WeChat Pay answer", e);
    }
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
