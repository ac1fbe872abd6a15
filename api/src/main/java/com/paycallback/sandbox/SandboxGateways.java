package com.paycallback.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.crypto.RsaSigner;
import com.paycallback.gateway.alipay.AlipayProperties;
import com.paycallback.gateway.alipay.AlipaySignContent;
import com.paycallback.gateway.generic.GenericProperties;
import com.paycallback.gateway.generic.HmacSignatureVerifier;
import com.paycallback.gateway.generic.HmacSigner;
import com.paycallback.gateway.wechatpay.WechatPayProperties;
import com.paycallback.gateway.wechatpay.WechatPaySignatureType;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The simulated gateways: each signs a notice with its sandbox key and delivers it to our own
 * webhook the way the real gateway does, retrying until acknowledged (a bounded number of times).
 */
@Component
@ConditionalOnProperty(name = "paycallback.sandbox.enabled", havingValue = "true")
class SandboxGateways {

  private static final int DELIVERY_ATTEMPTS = 5;
  private static final DateTimeFormatter ALIPAY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final ZoneId ALIPAY_ZONE = ZoneId.of("Asia/Shanghai");

  private final SandboxKeys keys;
  private final AlipayProperties alipay;
  private final WechatPayProperties wechatPay;
  private final GenericProperties generic;
  private final Environment environment;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final SecureRandom random = new SecureRandom();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  SandboxGateways(
      SandboxKeys keys,
      AlipayProperties alipay,
      WechatPayProperties wechatPay,
      GenericProperties generic,
      Environment environment,
      Clock clock) {
    this.keys = keys;
    this.alipay = alipay;
    this.wechatPay = wechatPay;
    this.generic = generic;
    this.environment = environment;
    this.clock = clock;
  }

  /** A fresh transaction id in the style of the channel's gateway. */
  String newTransactionId(String channel) {
    String digits = String.format("%020d", random.nextLong() & Long.MAX_VALUE);
    return switch (channel) {
      case "wechatpay" -> "42000" + digits.substring(0, 3) + digits;
      case "generic" -> "GEN" + digits;
      default -> "2026" + digits;
    };
  }

  /** A payer id in the style of the channel's gateway (Alipay buyer_id, WeChat Pay openid). */
  String newPayer(String channel) {
    return switch (channel) {
      case "wechatpay" -> "oSandbox" + Long.toUnsignedString(random.nextLong(), 36);
      case "generic" -> "payer-" + Long.toUnsignedString(random.nextLong(), 36);
      default -> "2088" + String.format("%012d", random.nextInt(1_000_000_000));
    };
  }

  /** Signs a SUCCESS transaction the way WeChat Pay does and posts it until answered 2xx. */
  String deliverWechatPay(
      String transactionId,
      String orderNo,
      long amountFen,
      WechatPaySignatureType type,
      Instant paidAt,
      String payer) {
    Map<String, Object> transaction =
        WechatPayTransactions.success(
            wechatPay.appId(), wechatPay.mchId(), transactionId, orderNo, amountFen, paidAt, payer);
    String transactionJson = toJson(transaction);
    WechatPayNoticeSigner signer =
        new WechatPayNoticeSigner(
            keys.wechatPay(type).getPrivate(),
            SandboxKeys.wechatPayKeyId(type),
            wechatPay.apiV3Key().getBytes(StandardCharsets.UTF_8),
            clock);
    return deliverWechatPay(webhook("/notify/wechatpay"), () -> signer.sign(transactionJson));
  }

  /**
   * Posts a WeChat Pay notice to {@code target} until answered 2xx. Every delivery is signed anew
   * (fresh timestamp and nonce), as WeChat Pay's retries are.
   */
  String deliverWechatPay(URI target, Supplier<SignedWechatPayNotice> signed) {
    return deliver(
        () -> {
          SignedWechatPayNotice notice = signed.get();
          HttpRequest.Builder request =
              HttpRequest.newBuilder(target)
                  .timeout(Duration.ofSeconds(5))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(notice.body()));
          notice.headers().asMap().forEach(request::header);
          return request.build();
        });
  }

  /** Posts a generic HMAC-signed notice until answered 2xx. */
  String deliverGeneric(
      String transactionId, String orderNo, long amountFen, Instant paidAt, String payer) {
    Map<String, Object> notice = new LinkedHashMap<>();
    notice.put("transactionId", transactionId);
    notice.put("orderNo", orderNo);
    notice.put("amount", amountFen);
    notice.put("currency", "CNY");
    notice.put("status", "SUCCESS");
    notice.put("paidAt", paidAt.toString());
    notice.put("payerId", payer);
    byte[] body = toJson(notice).getBytes(StandardCharsets.UTF_8);
    return deliver(
        () ->
            HttpRequest.newBuilder(webhook("/notify/generic"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header(
                    HmacSignatureVerifier.HEADER,
                    HmacSigner.signatureHeader(generic.secrets().get(0), clock.instant(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
  }

  private String toJson(Map<String, Object> value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the sandbox notice", e);
    }
  }

  /** The form Alipay would post for a successful payment of {@code amountFen}. */
  Map<String, String> alipayNotice(
      String transactionId, String orderNo, long amountFen, Instant paidAt, String buyerId) {
    String now = LocalDateTime.now(ALIPAY_ZONE).format(ALIPAY_TIME);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("notify_time", now);
    params.put("notify_type", "trade_status_sync");
    params.put("notify_id", "sandbox" + Long.toUnsignedString(random.nextLong()));
    params.put("charset", "utf-8");
    params.put("version", "1.0");
    params.put("sign_type", "RSA2");
    params.put("app_id", alipay.appId());
    params.put("seller_id", alipay.sellerId());
    params.put("trade_no", transactionId);
    params.put("out_trade_no", orderNo);
    params.put("trade_status", "TRADE_SUCCESS");
    params.put("total_amount", BigDecimal.valueOf(amountFen, 2).toPlainString());
    params.put("buyer_id", buyerId);
    params.put("subject", "paycallback sandbox order");
    params.put("gmt_payment", LocalDateTime.ofInstant(paidAt, ALIPAY_ZONE).format(ALIPAY_TIME));
    params.put("sign", signAlipay(params));
    return params;
  }

  private String signAlipay(Map<String, String> params) {
    byte[] content = AlipaySignContent.of(params).getBytes(StandardCharsets.UTF_8);
    return Base64.getEncoder()
        .encodeToString(new RsaSigner(keys.alipay().getPrivate()).sign(content));
  }

  /** Posts the notice to {@code /notify/alipay} until it answers {@code success}. */
  String deliverAlipay(Map<String, String> params) {
    String form =
        params.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return deliver(
        () ->
            HttpRequest.newBuilder(webhook("/notify/alipay"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
  }

  /**
   * Delivers until the webhook acknowledges (2xx), a bounded number of times.
   *
   * @return the last answer: {@code HTTP <status> <body>}
   */
  private String deliver(Supplier<HttpRequest> request) {
    String answer = "";
    for (int attempt = 1; attempt <= DELIVERY_ATTEMPTS; attempt++) {
      try {
        HttpResponse<String> response =
            http.send(request.get(), HttpResponse.BodyHandlers.ofString());
        answer = response.body().isEmpty() ? "HTTP " + response.statusCode() : response.body();
        if (response.statusCode() < 300) {
          return answer;
        }
        if (response.statusCode() < 500) {
          return answer; // A rejection is final: the real gateways retry only on silence or 5xx.
        }
      } catch (IOException e) {
        answer = "unreachable: " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
      sleep(200L * attempt);
    }
    return answer;
  }

  /** A path of this service, on the port it actually listens on (random in tests). */
  URI webhook(String path) {
    String port = environment.getProperty("local.server.port", "8080");
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
