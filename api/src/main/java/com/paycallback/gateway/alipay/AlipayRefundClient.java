package com.paycallback.gateway.alipay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.crypto.PemKeys;
import com.paycallback.crypto.RsaSigner;
import com.paycallback.crypto.Signer;
import com.paycallback.gateway.GatewayHttp;
import com.paycallback.refund.RefundFailed;
import com.paycallback.refund.RefundGateway;
import com.paycallback.refund.RefundReceipt;
import com.paycallback.refund.RefundRequest;
import com.paycallback.settlement.PaymentChannel;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Alipay's {@code alipay.trade.refund} OpenAPI: a form POST signed RSA2 (SHA256withRSA) with the
 * merchant's private key over every non-empty parameter but {@code sign}, sorted by name and joined
 * {@code k=v&...}; {@code out_request_no} is the idempotency key (Alipay answers a repeat with the
 * first refund, {@code fund_change=N}). The answer's {@code sign} covers the raw JSON of {@code
 * alipay_trade_refund_response} and is checked with Alipay's public keys.
 */
class AlipayRefundClient implements RefundGateway {

  private static final String RESPONSE_NODE = "\"alipay_trade_refund_response\"";
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final ZoneId ALIPAY_TIME = ZoneId.of("Asia/Shanghai");

  private final String appId;
  private final Signer merchantKey;
  private final URI gateway;
  private final AlipayKeys alipayAnswers;
  private final HttpClient http;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param alipayAnswers Alipay's keys as the notice channel trusts them (public keys, or the key
   *     of its certificate); Alipay signs OpenAPI answers with the same keys
   */
  AlipayRefundClient(
      AlipayProperties properties, AlipayKeys alipayAnswers, HttpClient http, Clock clock) {
    if (properties.appId() == null) {
      throw new IllegalStateException(
          "paycallback.channels.alipay.merchant-private-key is set without"
              + " paycallback.channels.alipay.app-id");
    }
    this.appId = properties.appId();
    this.merchantKey =
        new RsaSigner(
            PemKeys.rsaPrivateKey(
                properties.merchantPrivateKey(),
                "paycallback.channels.alipay.merchant-private-key"));
    this.gateway = properties.gatewayUrl();
    this.alipayAnswers = alipayAnswers;
    this.http = http;
    this.clock = clock;
  }

  @Override
  public boolean handles(String channel) {
    return PaymentChannel.ALIPAY.id().equals(channel);
  }

  @Override
  public RefundReceipt refund(RefundRequest refund) {
    Map<String, String> params = new TreeMap<>();
    params.put("app_id", appId);
    params.put("method", "alipay.trade.refund");
    params.put("format", "JSON");
    params.put("charset", "utf-8");
    params.put("sign_type", "RSA2");
    params.put("timestamp", LocalDateTime.now(clock.withZone(ALIPAY_TIME)).format(TIMESTAMP));
    params.put("version", "1.0");
    params.put("biz_content", bizContent(refund));
    params.put("sign", sign(AlipaySignContent.ofRequest(params)));
    String form =
        params.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(gateway)
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    String body = send(request);
    JsonNode answer = verifiedAnswer(body);
    if (!"10000".equals(answer.path("code").asText())) {
      throw new RefundFailed(
          "Alipay refused refund "
              + refund.refundKey()
              + ": "
              + answer.path("code").asText()
              + " "
              + answer.path("sub_code").asText(answer.path("msg").asText())
              + " "
              + answer.path("sub_msg").asText(""));
    }
    return new RefundReceipt(answer.path("trade_no").asText(refund.refundKey()), "SUCCESS");
  }

  private String bizContent(RefundRequest refund) {
    Map<String, String> biz = new LinkedHashMap<>();
    biz.put("trade_no", refund.transactionId());
    biz.put("out_trade_no", refund.orderNo());
    // Alipay amounts are yuan with two decimals; ours are fen.
    biz.put("refund_amount", BigDecimal.valueOf(refund.amount(), 2).toPlainString());
    biz.put("out_request_no", refund.refundKey());
    if (refund.reason() != null) {
      biz.put(
          "refund_reason",
          refund.reason().length() <= 256 ? refund.reason() : refund.reason().substring(0, 256));
    }
    try {
      return json.writeValueAsString(biz);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write biz_content", e);
    }
  }

  private String sign(String content) {
    return Base64.getEncoder()
        .encodeToString(merchantKey.sign(content.getBytes(StandardCharsets.UTF_8)));
  }

  private JsonNode verifiedAnswer(String body) {
    int node = body.indexOf(RESPONSE_NODE);
    int signAt = body.lastIndexOf("\"sign\"");
    if (node < 0 || signAt < node) {
      throw new RefundFailed("unexpected Alipay answer: " + abbreviate(body));
    }
    int start = body.indexOf('{', node + RESPONSE_NODE.length());
    int end = body.lastIndexOf('}', signAt) + 1;
    String signed = body.substring(start, end);
    try {
      JsonNode whole = json.readTree(body);
      byte[] signature = Base64.getDecoder().decode(whole.path("sign").asText());
      if (!alipayAnswers.signed(signed.getBytes(StandardCharsets.UTF_8), signature)) {
        throw new RefundFailed("Alipay's refund answer does not carry a valid signature");
      }
      return whole.get("alipay_trade_refund_response");
    } catch (IOException | IllegalArgumentException e) {
      throw new RefundFailed("unreadable Alipay answer: " + abbreviate(body), e);
    }
  }

  private String send(HttpRequest request) {
    HttpResponse<String> response = GatewayHttp.send(http, request, "Alipay");
    if (response.statusCode() != 200) {
      throw new RefundFailed("Alipay answered HTTP " + response.statusCode());
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
