package com.paycallback.gateway.alipay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.crypto.RsaSigner;
import com.paycallback.crypto.Signer;
import com.paycallback.gateway.GatewayAnswerForged;
import com.paycallback.gateway.GatewayCallFailed;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every call to Alipay's OpenAPI (refund, refund query, trade query, trade close) goes through
 * here. A request is a form POST signed RSA2 (SHA256withRSA) with the merchant's private key over
 * every non-empty parameter but {@code sign}, sorted by name and joined {@code k=v&...}; in
 * certificate mode it also carries, signed, {@code app_cert_sn} and {@code alipay_root_cert_sn}.
 * The answer's {@code sign} covers the raw JSON of its {@code <method>_response} node, byte for
 * byte as sent, and is checked with Alipay's keys; in certificate mode an answer's {@code
 * alipay_cert_sn}, when present, must name Alipay's configured certificate. An answer without a
 * valid signature is never read.
 */
final class AlipayOpenApi {

  /** A verified answer: the method's response node. */
  record Answer(JsonNode body) {

    /** Alipay's {@code code} 10000: the call did what it asked. */
    boolean success() {
      return "10000".equals(body.path("code").asText());
    }

    /** The business error's {@code sub_code} ({@code ACQ.TRADE_NOT_EXIST}, ...), or "". */
    String subCode() {
      return body.path("sub_code").asText("");
    }

    /** A field's text, or null when absent. */
    String text(String field) {
      JsonNode value = body.get(field);
      return value == null || value.isNull() ? null : value.asText();
    }

    /** Alipay's refusal as it said it: code, sub_code (or msg) and sub_msg. */
    String refusal() {
      return body.path("code").asText()
          + " "
          + body.path("sub_code").asText(body.path("msg").asText())
          + " "
          + body.path("sub_msg").asText("");
    }
  }

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final ZoneId ALIPAY_TIME = ZoneId.of("Asia/Shanghai");

  private final String appId;
  private final Signer merchantKey;
  private final Supplier<URI> gateway;
  private final AlipayKeys alipayAnswers;
  private final AlipayCertificates certificates;
  private final HttpClient http;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param gateway Alipay's gateway, asked at each call
   * @param alipayAnswers Alipay's keys as the notice channel trusts them (public keys, or the key
   *     of its certificate); Alipay signs OpenAPI answers with the same keys
   * @param certificates certificate mode's serial numbers; null in public-key mode
   */
  AlipayOpenApi(
      String appId,
      PrivateKey merchantKey,
      Supplier<URI> gateway,
      AlipayKeys alipayAnswers,
      AlipayCertificates certificates,
      HttpClient http,
      Clock clock) {
    if (appId == null || appId.isBlank()) {
      throw new IllegalStateException(
          "Alipay's OpenAPI is configured without paycallback.channels.alipay.app-id");
    }
    this.appId = appId;
    this.merchantKey = new RsaSigner(merchantKey);
    this.gateway = gateway;
    this.alipayAnswers = alipayAnswers;
    this.certificates = certificates;
    this.http = http;
    this.clock = clock;
  }

  /**
   * Calls {@code method} with {@code bizContent} and returns its verified answer, success or a
   * business error alike.
   *
   * @throws GatewayAnswerForged when the answer is unsigned, badly signed or names another
   *     certificate
   * @throws GatewayCallFailed when Alipay cannot be reached or its answer cannot be read
   */
  Answer call(String method, Map<String, String> bizContent) {
    Map<String, String> params = new TreeMap<>();
    params.put("app_id", appId);
    params.put("method", method);
    params.put("format", "JSON");
    params.put("charset", "utf-8");
    params.put("sign_type", "RSA2");
    params.put("timestamp", LocalDateTime.now(clock.withZone(ALIPAY_TIME)).format(TIMESTAMP));
    params.put("version", "1.0");
    if (certificates != null) {
      params.put("app_cert_sn", certificates.appCertSn());
      params.put("alipay_root_cert_sn", certificates.rootCertSn());
    }
    params.put("biz_content", toJson(bizContent));
    params.put("sign", sign(AlipaySignContent.ofRequest(params)));
    String form =
        params.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(gateway.get())
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return verified(method, send(request));
  }

  private Answer verified(String method, String body) {
    String node = method.replace('.', '_') + "_response";
    JsonNode whole;
    try {
      whole = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new GatewayCallFailed(
          "unreadable Alipay answer to " + method + ": " + abbreviate(body));
    }
    if (whole == null || !whole.path(node).isObject()) {
      throw new GatewayCallFailed(
          "unexpected Alipay answer to " + method + ": " + abbreviate(body));
    }
    String sign = whole.path("sign").asText("");
    if (sign.isBlank()) {
      throw new GatewayAnswerForged("Alipay's answer to " + method + " is not signed");
    }
    if (certificates != null
        && whole.hasNonNull("alipay_cert_sn")
        && !certificates.alipayCertSn().equals(whole.get("alipay_cert_sn").asText())) {
      throw new GatewayAnswerForged(
          "Alipay's answer to " + method + " names a certificate the shop does not trust");
    }
    String signed = rawObjectAfter(body, "\"" + node + "\"");
    byte[] signature;
    try {
      signature = Base64.getMimeDecoder().decode(sign);
    } catch (IllegalArgumentException e) {
      throw new GatewayAnswerForged(
          "Alipay's answer to " + method + " has a sign that is not base64");
    }
    if (signed == null
        || !alipayAnswers.signed(signed.getBytes(StandardCharsets.UTF_8), signature)) {
      throw new GatewayAnswerForged(
          "Alipay's answer to " + method + " does not carry a valid signature");
    }
    try {
      // What was signed must be what is read: a second copy of the node inside some string value
      // would otherwise let an unsigned node through.
      JsonNode answer = json.readTree(signed);
      if (!answer.equals(whole.get(node))) {
        throw new GatewayAnswerForged(
            "Alipay's answer to " + method + " is not the node its signature covers");
      }
      return new Answer(answer);
    } catch (JsonProcessingException e) {
      throw new GatewayAnswerForged("Alipay's answer to " + method + " is malformed");
    }
  }

  /**
   * The raw text of the JSON object that follows {@code key} and its colon, up to its matching
   * brace (braces inside strings do not count), or null when there is none.
   */
  private static String rawObjectAfter(String body, String key) {
    int at = body.indexOf(key);
    if (at < 0) {
      return null;
    }
    int start = at + key.length();
    while (start < body.length() && body.charAt(start) != '{') {
      char c = body.charAt(start);
      if (c != ':' && !Character.isWhitespace(c)) {
        return null;
      }
      start++;
    }
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < body.length(); i++) {
      char c = body.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return body.substring(start, i + 1);
      }
    }
    return null;
  }

  private String toJson(Map<String, String> bizContent) {
    try {
      return json.writeValueAsString(bizContent);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write biz_content", e);
    }
  }

  private String sign(String content) {
    return Base64.getEncoder()
        .encodeToString(merchantKey.sign(content.getBytes(StandardCharsets.UTF_8)));
  }

  private String send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new GatewayCallFailed("Alipay is unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayCallFailed("interrupted while calling Alipay", e);
    }
    if (response.statusCode() != 200) {
      throw new GatewayCallFailed("Alipay answered HTTP " + response.statusCode());
    }
    return response.body();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String abbreviate(String body) {
    return body.length() <= 200 ? body : body.substring(0, 200) + "…";
  }
}
