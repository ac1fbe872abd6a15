package com.paycallback.gateway.generic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.gateway.GatewayHttp;
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
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refunds through the generic HMAC channel: a JSON POST {@code {"refundKey","transactionId",
 * "orderNo","amount","currency","reason"}} to the configured URL, signed like the channel's notices
 * ({@code Paycallback-Signature: t=..,v1=hex HMAC-SHA256 of "t.body"} with the first secret). The
 * gateway must treat {@code refundKey} as an idempotency key; any 2xx is an acceptance, its
 * optional JSON {@code {"refundId","status"}} is recorded.
 */
class GenericRefundClient implements RefundGateway {

  private final URI endpoint;
  private final String secret;
  private final HttpClient http;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  GenericRefundClient(GenericProperties properties, HttpClient http, Clock clock) {
    if (properties.secrets().isEmpty()) {
      throw new IllegalStateException(
          "paycallback.channels.generic.refund-url is set without"
              + " paycallback.channels.generic.secrets to sign the requests");
    }
    this.endpoint = properties.refundUrl();
    this.secret = properties.secrets().get(0);
    this.http = http;
    this.clock = clock;
  }

  @Override
  public boolean handles(String channel) {
    return PaymentChannel.GENERIC.id().equals(channel);
  }

  @Override
  public RefundReceipt refund(RefundRequest refund) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("refundKey", refund.refundKey());
    body.put("transactionId", refund.transactionId());
    body.put("orderNo", refund.orderNo());
    body.put("amount", refund.amount());
    body.put("currency", refund.currency());
    body.put("reason", refund.reason());
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the refund request", e);
    }
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/json")
            .header(
                HmacSignatureVerifier.HEADER,
                HmacSigner.signatureHeader(secret, clock.instant(), bytes))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    HttpResponse<String> response = GatewayHttp.send(http, request, "the generic gateway");
    if (response.statusCode() / 100 != 2) {
      throw new RefundFailed(
          "the generic gateway refused refund "
              + refund.refundKey()
              + ": HTTP "
              + response.statusCode());
    }
    try {
      JsonNode answer =
          response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
      return new RefundReceipt(
          answer.path("refundId").asText(refund.refundKey()),
          answer.path("status").asText("SUCCESS"));
    } catch (IOException e) {
      throw new RefundFailed("the generic gateway is unreachable: " + e.getMessage(), e);
    }
  }
}
