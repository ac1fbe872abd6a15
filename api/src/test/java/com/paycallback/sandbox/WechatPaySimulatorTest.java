package com.paycallback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paycallback.ServiceTest;
import com.paycallback.gateway.FakeGateway;
import com.paycallback.gateway.GatewayCallFailed;
import com.paycallback.gateway.TradeAnswer;
import com.paycallback.gateway.TradeQueries;
import com.paycallback.gateway.TradeState;
import com.paycallback.gateway.wechatpay.WechatPayApi;
import com.paycallback.gateway.wechatpay.WechatPayHeaders;
import com.paycallback.gateway.wechatpay.WechatPayKeyring;
import com.paycallback.gateway.wechatpay.WechatPaySignatureVerifier;
import com.paycallback.gateway.wechatpay.WechatPaySignedRequest;
import com.paycallback.refund.RefundGateway;
import com.paycallback.refund.RefundReceipt;
import com.paycallback.refund.RefundRequest;
import com.paycallback.settlement.PaymentChannel;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The simulated WeChat Pay API on the running embedded default (issue 10), called by the real
 * WeChat Pay clients with the sandbox merchant key: trade query of a payment it never notified,
 * close, refunds that complete later with a genuine refund notice.
 */
class WechatPaySimulatorTest extends ServiceTest {

  private final ObjectMapper json = new ObjectMapper();

  @Autowired private SandboxTrades trades;
  @Autowired private List<TradeQueries> tradeQueries;
  @Autowired private ObjectProvider<RefundGateway> refundGateways;
  @Autowired private WechatPayApi wechatPayApi;
  @Autowired private SandboxKeys keys;

  private TradeQueries wechatPay() {
    return tradeQueries.stream()
        .filter(q -> q.channel() == PaymentChannel.WECHATPAY)
        .findFirst()
        .orElseThrow();
  }

  /** The refund client the saga picks for WeChat Pay payments, as it picks it. */
  private RefundGateway wechatPayRefunds() {
    return refundGateways
        .orderedStream()
        .filter(g -> g.handles("wechatpay"))
        .findFirst()
        .orElseThrow();
  }

  private static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }

  private String paidUndelivered(String orderNo, long amount) {
    String transactionId = "42000" + Math.abs(UUID.randomUUID().getMostSignificantBits());
    trades.paid(
        "wechatpay",
        orderNo,
        transactionId,
        amount,
        "CNY",
        "oSandboxPayer",
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        false);
    return transactionId;
  }

  @Test
  void queryFindsAPaymentWhoseNoticeWasNeverDelivered() {
    String orderNo = unique("PO");
    String transactionId = paidUndelivered(orderNo, 12345);

    TradeAnswer answer = wechatPay().query(orderNo);

    assertThat(answer.state()).isEqualTo(TradeState.PAID);
    assertThat(answer.gatewayState()).isEqualTo("SUCCESS");
    assertThat(answer.payment().transactionId()).isEqualTo(transactionId);
    assertThat(answer.payment().orderNo()).isEqualTo(orderNo);
    assertThat(answer.payment().amount()).isEqualTo(12345);
    assertThat(answer.payment().channel()).isEqualTo("wechatpay");
  }

  @Test
  void unpaidTradeIsClosedAtTheGatewayAndAPaidOneIsNot() {
    String unpaid = unique("PO");
    assertThat(wechatPay().query(unpaid).state()).isEqualTo(TradeState.NOT_PAID);

    wechatPay().close(unpaid);

    assertThat(trades.find("wechatpay", unpaid).orElseThrow().status())
        .isEqualTo(SandboxTrades.CLOSED);
    assertThat(wechatPay().query(unpaid).state()).isEqualTo(TradeState.CLOSED);

    String paid = unique("PO");
    paidUndelivered(paid, 500);
    assertThatThrownBy(() -> wechatPay().close(paid))
        .isInstanceOf(GatewayCallFailed.class)
        .hasMessageContaining("ORDERPAID");
    assertThat(wechatPay().query(paid).state()).isEqualTo(TradeState.PAID);
  }

  @Test
  void refundGoesThroughTheRealClientProcessingThenSuccess() throws Exception {
    String orderNo = unique("PO");
    String transactionId = paidUndelivered(orderNo, 8800);
    RefundRequest refund =
        new RefundRequest(
            "wechatpay",
            transactionId,
            orderNo,
            RefundRequest.keyOf(transactionId),
            8800,
            8800,
            "CNY",
            "settlement compensated");
    RefundGateway client = wechatPayRefunds();
    assertThat(client.getClass().getSimpleName()).isEqualTo("WechatPayRefundClient");

    RefundReceipt receipt = client.refund(refund);

    assertThat(receipt.status()).isEqualTo(RefundReceipt.PROCESSING);
    assertThat(sandboxRefundStatus(refund.refundKey())).isEqualTo("PROCESSING");
    assertThat(client.refund(refund)).isEqualTo(receipt);
    assertThat(
            count("SELECT COUNT(*) FROM sandbox_refunds WHERE transaction_id = ?", transactionId))
        .isEqualTo(1);

    awaitSandboxRefund(refund.refundKey(), RefundReceipt.SUCCESS);
    assertThat(client.queryRefund(refund))
        .isEqualTo(new RefundReceipt(receipt.gatewayRefundId(), RefundReceipt.SUCCESS));
    assertThat(
            jdbc.sql("SELECT order_no, amount FROM sandbox_refunds WHERE refund_key = ?")
                .param(refund.refundKey())
                .query()
                .singleRow())
        .containsEntry("order_no", orderNo)
        .containsEntry("amount", 8800L);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"SUCCESS", "ABNORMAL", "CLOSED"})
  void refundOutcomeIsNotifiedSignedAndEncryptedLikeWechatPay(String outcome) throws Exception {
    String orderNo = unique("PO");
    String transactionId = paidUndelivered(orderNo, 6600);
    String refundKey = RefundRequest.keyOf(transactionId);
    List<FakeGateway.Received> notices = new CopyOnWriteArrayList<>();
    try (FakeGateway shop =
        new FakeGateway(
            request -> {
              notices.add(request);
              return new FakeGateway.Answer(204, Map.of(), "");
            })) {
      if (!outcome.equals("SUCCESS")) {
        assertThat(
                send(HttpRequest.newBuilder(uri("/sandbox/gateways/wechatpay/next-refund"))
                        .header("Content-Type", "application/json")
                        .PUT(
                            HttpRequest.BodyPublishers.ofString("{\"status\":\"" + outcome + "\"}"))
                        .build())
                    .statusCode())
            .isEqualTo(200);
      }
      ObjectNode request = json.createObjectNode();
      request.put("transaction_id", transactionId);
      request.put("out_refund_no", refundKey);
      request.put("notify_url", shop.uri("/shop/refund-notices").toString());
      request.putObject("amount").put("refund", 6600).put("total", 6600).put("currency", "CNY");

      WechatPayApi.Answer answer = wechatPayApi.post("/v3/refund/domestic/refunds", request);

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body().get("status").asText()).isEqualTo("PROCESSING");
      awaitSandboxRefund(refundKey, outcome);
      Instant deadline = Instant.now().plusSeconds(10);
      while (notices.isEmpty() && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
    }

    assertThat(notices).hasSize(1);
    FakeGateway.Received notice = notices.get(0);
    assertThat(notice.path()).isEqualTo("/shop/refund-notices");
    byte[] body = notice.body().getBytes(StandardCharsets.UTF_8);
    WechatPaySignedRequest signed =
        new WechatPaySignatureVerifier(
                new WechatPayKeyring(keys.publicKeysPem("wechatpay"), List.of()), Clock.systemUTC())
            .verify(WechatPayHeaders.from(notice.headers()::get), body);
    assertThat(signed.serial()).isEqualTo(SandboxKeys.WECHATPAY_RSA_KEY_ID);
    JsonNode envelope = json.readTree(body);
    assertThat(envelope.get("event_type").asText()).isEqualTo("REFUND." + outcome);
    assertThat(envelope.get("resource_type").asText()).isEqualTo("encrypt-resource");
    JsonNode resource = envelope.get("resource");
    assertThat(resource.get("original_type").asText()).isEqualTo("refund");
    assertThat(resource.get("algorithm").asText()).isEqualTo("AEAD_AES_256_GCM");
    assertThat(resource.get("associated_data").asText()).isEqualTo("refund");
    JsonNode refund = json.readTree(decrypt(resource));
    assertThat(refund.get("mchid").asText()).isEqualTo(MCH_ID);
    assertThat(refund.get("out_trade_no").asText()).isEqualTo(orderNo);
    assertThat(refund.get("transaction_id").asText()).isEqualTo(transactionId);
    assertThat(refund.get("out_refund_no").asText()).isEqualTo(refundKey);
    assertThat(refund.get("refund_id").asText()).isEqualTo(answerRefundId(refundKey));
    assertThat(refund.get("refund_status").asText()).isEqualTo(outcome);
    assertThat(refund.has("success_time")).isEqualTo(outcome.equals("SUCCESS"));
    assertThat(refund.get("amount"))
        .isEqualTo(
            json.readTree(
                "{\"total\":6600,\"refund\":6600,\"payer_total\":6600,\"payer_refund\":6600}"));
  }

  @Test
  void requestNotSignedByTheSandboxMerchantIsRefused() throws Exception {
    String orderNo = unique("PO");
    String transactionId = paidUndelivered(orderNo, 100);
    String body =
        "{\"transaction_id\":\"%s\",\"out_refund_no\":\"%s\",\"amount\":{\"refund\":100,\"total\":100,\"currency\":\"CNY\"}}"
            .formatted(transactionId, RefundRequest.keyOf(transactionId));

    HttpResponse<String> refused =
        post(
            "/sandbox/gateways/wechatpay/v3/refund/domestic/refunds",
            "application/json",
            Map.of(
                "Authorization",
                WechatPayApi.AUTHORIZATION_SCHEME
                    + " mchid=\""
                    + MCH_ID
                    + "\",nonce_str=\"N\",signature=\""
                    + Base64.getEncoder().encodeToString(new byte[256])
                    + "\",timestamp=\""
                    + Instant.now().getEpochSecond()
                    + "\",serial_no=\""
                    + SandboxKeys.WECHATPAY_MERCHANT_SERIAL
                    + "\""),
            body.getBytes(StandardCharsets.UTF_8));

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(json.readTree(refused.body()).get("code").asText()).isEqualTo("SIGN_ERROR");
    assertThat(
            count("SELECT COUNT(*) FROM sandbox_refunds WHERE transaction_id = ?", transactionId))
        .isZero();
  }

  private String answerRefundId(String refundKey) {
    return wechatPayApi
        .get("/v3/refund/domestic/refunds/" + refundKey)
        .body()
        .get("refund_id")
        .asText();
  }

  private String decrypt(JsonNode resource) throws Exception {
    Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
    aes.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(API_V3_KEY.getBytes(StandardCharsets.UTF_8), "AES"),
        new GCMParameterSpec(128, resource.get("nonce").asText().getBytes(StandardCharsets.UTF_8)));
    aes.updateAAD(resource.get("associated_data").asText().getBytes(StandardCharsets.UTF_8));
    return new String(
        aes.doFinal(Base64.getDecoder().decode(resource.get("ciphertext").asText())),
        StandardCharsets.UTF_8);
  }

  private String sandboxRefundStatus(String refundKey) {
    return jdbc.sql("SELECT status FROM sandbox_refunds WHERE refund_key = ?")
        .param(refundKey)
        .query(String.class)
        .single();
  }

  private void awaitSandboxRefund(String refundKey, String status) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (!status.equals(sandboxRefundStatus(refundKey)) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(sandboxRefundStatus(refundKey)).as("sandbox refund " + refundKey).isEqualTo(status);
  }
}
