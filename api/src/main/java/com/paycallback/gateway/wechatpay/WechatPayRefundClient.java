package com.paycallback.gateway.wechatpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.crypto.PemKeys;
import com.paycallback.crypto.RsaSigner;
import com.paycallback.crypto.Signer;
import com.paycallback.gateway.GatewayHttp;
import com.paycallback.notice.NoticeRejected;
import com.paycallback.refund.RefundFailed;
import com.paycallback.refund.RefundGateway;
import com.paycallback.refund.RefundReceipt;
import com.paycallback.refund.RefundRequest;
import com.paycallback.settlement.PaymentChannel;
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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WeChat Pay's {@code POST /v3/refund/domestic/refunds}. The request carries {@code Authorization:
 * WECHATPAY2-SHA256-RSA2048 mchid=..,nonce_str=..,signature=..,timestamp=..,serial_no=..}, the
 * signature SHA256withRSA with the merchant key over {@code
 * METHOD\nPATH\ntimestamp\nnonce\nbody\n}; {@code out_refund_no} is the idempotency key (a repeat
 * returns the first refund). The answer's {@code Wechatpay-Signature} over {@code
 * timestamp\nnonce\nbody\n} is checked with the WeChat Pay public key {@code Wechatpay-Serial}
 * names.
 */
class WechatPayRefundClient implements RefundGateway {

  private static final String PATH = "/v3/refund/domestic/refunds";

  private final String mchId;
  private final Signer merchantKey;
  private final String serialNumber;
  private final URI endpoint;
  private final WechatPaySignatureVerifier wechatPayAnswers;
  private final HttpClient http;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param wechatPayAnswers WeChat Pay's keys as the notice channel trusts them; WeChat Pay signs
   *     its API answers exactly as it signs notices
   */
  WechatPayRefundClient(
      WechatPayProperties properties,
      WechatPaySignatureVerifier wechatPayAnswers,
      HttpClient http,
      Clock clock) {
    if (properties.mchId() == null || properties.merchantSerialNumber() == null) {
      throw new IllegalStateException(
          "WeChat Pay refunds need paycallback.channels.wechatpay.mch-id and"
              + " paycallback.channels.wechatpay.merchant-serial-number with the private key");
    }
    this.mchId = properties.mchId();
    this.serialNumber = properties.merchantSerialNumber();
    this.merchantKey =
        new RsaSigner(
            PemKeys.rsaPrivateKey(
                properties.merchantPrivateKey(),
                "paycallback.channels.wechatpay.merchant-private-key"));
    this.wechatPayAnswers = wechatPayAnswers;
    this.endpoint = properties.apiBaseUrl().resolve(PATH);
    this.http = http;
    this.clock = clock;
  }

  @Override
  public boolean handles(String channel) {
    return PaymentChannel.WECHATPAY.id().equals(channel);
  }

  @Override
  public RefundReceipt refund(RefundRequest refund) {
    String body = body(refund);
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    byte[] nonceBytes = new byte[16];
    random.nextBytes(nonceBytes);
    String nonce = HexFormat.of().formatHex(nonceBytes).toUpperCase();
    String signature = sign("POST\n" + PATH + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n");
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header(
                "Authorization",
                "WECHATPAY2-SHA256-RSA2048 mchid=\"%s\",nonce_str=\"%s\",signature=\"%s\",timestamp=\"%s\",serial_no=\"%s\""
                    .formatted(mchId, nonce, signature, timestamp, serialNumber))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = GatewayHttp.send(http, request, "WeChat Pay");
    verify(response);
    JsonNode answer = parse(response.body());
    if (response.statusCode() != 200) {
      throw new RefundFailed(
          "WeChat Pay refused refund "
              + refund.refundKey()
              + ": HTTP "
              + response.statusCode()
              + " "
              + answer.path("code").asText()
              + " "
              + answer.path("message").asText());
    }
    String status = answer.path("status").asText();
    if (!"SUCCESS".equals(status) && !"PROCESSING".equals(status)) {
      // ABNORMAL (the buyer's account cannot take it) or CLOSED: an operator must step in.
      throw new RefundFailed("WeChat Pay refund " + refund.refundKey() + " is " + status);
    }
    return new RefundReceipt(answer.path("refund_id").asText(refund.refundKey()), status);
  }

  private String body(RefundRequest refund) {
    Map<String, Object> amount = new LinkedHashMap<>();
    amount.put("refund", refund.amount());
    amount.put("total", refund.total());
    amount.put("currency", refund.currency());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("transaction_id", refund.transactionId());
    body.put("out_refund_no", refund.refundKey());
    if (refund.reason() != null) {
      // WeChat Pay shows at most 80 characters to the buyer.
      body.put(
          "reason",
          refund.reason().length() <= 80 ? refund.reason() : refund.reason().substring(0, 80));
    }
    body.put("amount", amount);
    try {
      return json.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the refund request", e);
    }
  }

  private String sign(String message) {
    return Base64.getEncoder()
        .encodeToString(merchantKey.sign(message.getBytes(StandardCharsets.UTF_8)));
  }

  private void verify(HttpResponse<String> response) {
    try {
      wechatPayAnswers.verify(
          WechatPayHeaders.from(name -> response.headers().firstValue(name).orElse(null)),
          response.body().getBytes(StandardCharsets.UTF_8));
    } catch (NoticeRejected rejected) {
      throw new RefundFailed(
          "WeChat Pay's refund answer does not carry a valid signature: " + rejected.reason());
    }
  }

  private JsonNode parse(String body) {
    try {
      return json.readTree(body.isEmpty() ? "{}" : body);
    } catch (IOException e) {
      throw new RefundFailed("unreadable WeChat Pay answer", e);
    }
  }
}
