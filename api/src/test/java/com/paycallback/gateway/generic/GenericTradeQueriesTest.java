package com.paycallback.gateway.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.gateway.FakeGateway;
import com.paycallback.gateway.GatewayAnswerForged;
import com.paycallback.gateway.GatewayCallFailed;
import com.paycallback.gateway.TradeAnswer;
import com.paycallback.gateway.TradeState;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The generic channel's trade query and close client against a local gateway that signs its answers
 * like the real one: what it sends, and which answers it believes.
 */
class GenericTradeQueriesTest {

  private final String secret = UUID.randomUUID().toString();
  private final List<FakeGateway.Received> received = new CopyOnWriteArrayList<>();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void paidAnswerIsReadAsThePaymentAndTheRequestIsSigned() throws Exception {
    Instant paidAt = Instant.parse("2026-11-30T08:00:00Z");
    try (FakeGateway gateway =
        gateway(
            secret,
            Map.of(
                "orderNo", "PO-1",
                "status", "SUCCESS",
                "transactionId", "GEN-1",
                "amount", 12300,
                "currency", "CNY",
                "paidAt", paidAt.toString(),
                "payerId", "payer-1"))) {
      TradeAnswer answer = client(gateway).query("PO-1");

      assertThat(answer.state()).isEqualTo(TradeState.PAID);
      assertThat(answer.gatewayState()).isEqualTo("SUCCESS");
      assertThat(answer.payment().transactionId()).isEqualTo("GEN-1");
      assertThat(answer.payment().orderNo()).isEqualTo("PO-1");
      assertThat(answer.payment().amount()).isEqualTo(12300);
      assertThat(answer.payment().paidAt()).isEqualTo(paidAt);
      assertThat(answer.payment().channel()).isEqualTo("generic");
      FakeGateway.Received request = received.get(0);
      assertThat(request.path()).isEqualTo("/query");
      assertThat(json.readTree(request.body()).get("orderNo").asText()).isEqualTo("PO-1");
      new HmacSignatureVerifier(List.of(secret), Clock.systemUTC())
          .verify(
              request.headers().get("Paycallback-Signature"),
              request.body().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void unpaidAndClosedAnswersCarryNoPayment() {
    try (FakeGateway notPaid = gateway(secret, Map.of("orderNo", "PO-2", "status", "NOTPAY"));
        FakeGateway closed = gateway(secret, Map.of("orderNo", "PO-2", "status", "CLOSED"))) {
      assertThat(client(notPaid).query("PO-2"))
          .isEqualTo(TradeAnswer.unpaid(TradeState.NOT_PAID, "NOTPAY"));
      assertThat(client(closed).query("PO-2"))
          .isEqualTo(TradeAnswer.unpaid(TradeState.CLOSED, "CLOSED"));
    }
  }

  @Test
  void answerSignedWithAnotherSecretIsForged() {
    try (FakeGateway forger =
        gateway("not-" + secret, Map.of("orderNo", "PO-3", "status", "NOTPAY"))) {
      assertThatThrownBy(() -> client(forger).query("PO-3"))
          .isInstanceOf(GatewayAnswerForged.class)
          .hasMessageContaining("SIGNATURE_INVALID");
    }
  }

  @Test
  void unsignedAnswerIsForged() {
    try (FakeGateway unsigned =
        new FakeGateway(
            request ->
                new FakeGateway.Answer(
                    200, Map.of(), "{\"orderNo\":\"PO-4\",\"status\":\"NOTPAY\"}"))) {
      assertThatThrownBy(() -> client(unsigned).query("PO-4"))
          .isInstanceOf(GatewayAnswerForged.class)
          .hasMessageContaining("SIGNATURE_MISSING");
    }
  }

  @Test
  void signedAnswerAboutAnotherOrderOrAnErrorIsNoAnswer() {
    try (FakeGateway other = gateway(secret, Map.of("orderNo", "PO-OTHER", "status", "NOTPAY"));
        FakeGateway failing =
            new FakeGateway(request -> new FakeGateway.Answer(503, Map.of(), ""))) {
      assertThatThrownBy(() -> client(other).query("PO-5"))
          .isInstanceOf(GatewayCallFailed.class)
          .isNotInstanceOf(GatewayAnswerForged.class)
          .hasMessageContaining("another order");
      assertThatThrownBy(() -> client(failing).query("PO-5"))
          .isInstanceOf(GatewayCallFailed.class)
          .hasMessageContaining("HTTP 503");
    }
  }

  @Test
  void closeSucceedsOnlyWhenTheGatewayClosedTheTrade() {
    try (FakeGateway closes = gateway(secret, Map.of("orderNo", "PO-6", "status", "CLOSED"));
        FakeGateway wasPaid = gateway(secret, Map.of("orderNo", "PO-6", "status", "SUCCESS"))) {
      client(closes).close("PO-6");
      assertThat(received)
          .singleElement()
          .extracting(FakeGateway.Received::path)
          .isEqualTo("/close");
      assertThatThrownBy(() -> client(wasPaid).close("PO-6"))
          .isInstanceOf(GatewayCallFailed.class)
          .hasMessageContaining("SUCCESS");
    }
  }

  private GenericTradeQueries client(FakeGateway gateway) {
    return new GenericTradeQueries(
        new GenericProperties(List.of(secret), Duration.ofMinutes(5), List.of(), null, null, null),
        () -> gateway.uri("/query"),
        () -> gateway.uri("/close"),
        HttpClient.newHttpClient(),
        Clock.systemUTC());
  }

  /** A gateway answering every request with {@code answer}, signed with {@code signingSecret}. */
  private FakeGateway gateway(String signingSecret, Map<String, Object> answer) {
    return new FakeGateway(
        request -> {
          received.add(request);
          String body = json.writeValueAsString(answer);
          return new FakeGateway.Answer(
              200,
              Map.of(
                  "Paycallback-Signature",
                  HmacSigner.signatureHeader(
                      signingSecret, Instant.now(), body.getBytes(StandardCharsets.UTF_8))),
              body);
        });
  }
}
