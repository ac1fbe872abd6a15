package com.paycallback.gateway.generic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.gateway.FakeGateway;
import com.paycallback.refund.RefundReceipt;
import com.paycallback.refund.RefundRequest;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The generic channel's refund request, signed like its notices. */
class GenericRefundClientTest {

  @Test
  void refundIsPostedWithTheChannelsHmacSignature() throws Exception {
    String secret = UUID.randomUUID().toString();
    Instant now = Instant.parse("2026-11-25T08:00:00Z");
    List<FakeGateway.Received> received = new CopyOnWriteArrayList<>();
    try (FakeGateway gateway =
        new FakeGateway(
            request -> {
              received.add(request);
              return new FakeGateway.Answer(
                  200, Map.of(), "{\"refundId\":\"RF-1\",\"status\":\"SUCCESS\"}");
            })) {
      GenericRefundClient client =
          new GenericRefundClient(
              new GenericProperties(
                  List.of(secret),
                  Duration.ofMinutes(5),
                  List.of(),
                  gateway.uri("/refunds"),
                  null,
                  null),
              HttpClient.newHttpClient(),
              Clock.fixed(now, ZoneOffset.UTC));

      RefundReceipt receipt =
          client.refund(
              new RefundRequest(
                  "generic", "GW-1", "PO789", "RGW-1", 500, 500, "CNY", "late payment"));

      assertThat(receipt).isEqualTo(new RefundReceipt("RF-1", "SUCCESS"));
      FakeGateway.Received request = received.get(0);
      assertThat(request.headers().get("Paycallback-Signature"))
          .isEqualTo(
              HmacSigner.signatureHeader(
                  secret, now, request.body().getBytes(StandardCharsets.UTF_8)));
      assertThat(new ObjectMapper().readTree(request.body()).get("refundKey").asText())
          .isEqualTo("RGW-1");
    }
  }
}
