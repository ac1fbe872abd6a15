package com.paycallback.gateway.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.refund.RefundFailed;
import com.paycallback.refund.RefundReceipt;
import com.paycallback.refund.RefundRequest;
import com.paycallback.sandbox.WechatPayNoticeSigner;
import com.paycallback.sandbox.WechatPaySandboxKeys;
import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The WeChat Pay refund client against a local WeChat Pay that checks the {@code
 * WECHATPAY2-SHA256-RSA2048} Authorization header and signs its answers like the real one, RSA or
 * SM2.
 */
class WechatPayRefundClientTest {

  private static final String REFUND_ID = "50000000382019052709732678859";
  private static final URI NOTIFY_URL = URI.create("https://shop.example.com/notify/refund");
  private static final byte[] API_V3_KEY = WechatPayTestKeys.randomApiV3Key();

  private static final KeyPair RSA_KEY = WechatPaySandboxKeys.generateRsaKeyPair();
  private static final String RSA_KEY_ID = WechatPayTestKeys.randomPublicKeyId();
  private static final KeyPair SM2_KEY = WechatPaySandboxKeys.generateSm2KeyPair();
  private static final String SM2_KEY_ID = WechatPayTestKeys.randomPublicKeyId();
  private static final WechatPayKeyring TRUSTED =
      new WechatPayKeyring(
          Map.of(
              RSA_KEY_ID, WechatPaySandboxKeys.toPem(RSA_KEY.getPublic()),
              SM2_KEY_ID, WechatPaySandboxKeys.toPem(SM2_KEY.getPublic())),
          List.of());
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, JsonNode> refunds = new ConcurrentHashMap<>();
  private final AtomicReference<String> status = new AtomicReference<>("PROCESSING");
  private LocalWechatPay wechatPay;

  @AfterEach
  void stop() {
    wechatPay.close();
  }

  private WechatPayRefundClient client(boolean sm2Answers) {
    WechatPayNoticeSigner signer =
        sm2Answers
            ? new WechatPayNoticeSigner(
                SM2_KEY.getPrivate(), SM2_KEY_ID, API_V3_KEY, Clock.systemUTC())
            : new WechatPayNoticeSigner(
                RSA_KEY.getPrivate(), RSA_KEY_ID, API_V3_KEY, Clock.systemUTC());
    wechatPay =
        new LocalWechatPay(
            signer,
            request -> {
              if (request.method().equals("GET")) {
                String key =
                    request.pathAndQuery().substring("/v3/refund/domestic/refunds/".length());
                return refunds.containsKey(key)
                    ? new LocalWechatPay.Reply(200, answer(refunds.get(key)))
                    : new LocalWechatPay.Reply(
                        404, "{\"code\":\"RESOURCE_NOT_EXISTS\",\"message\":\"退款单不存在\"}");
              }
              JsonNode refund = json.readTree(request.body());
              // Idempotent on out_refund_no: a repeat returns the first refund.
              JsonNode first =
                  refunds.computeIfAbsent(refund.get("out_refund_no").asText(), k -> refund);
              return new LocalWechatPay.Reply(200, answer(first));
            });
    return new WechatPayRefundClient(wechatPay.api(TRUSTED), NOTIFY_URL);
  }

  private String answer(JsonNode refund) throws Exception {
    return json.writeValueAsString(
        Map.of(
            "refund_id", REFUND_ID,
            "out_refund_no", refund.get("out_refund_no").asText(),
            "transaction_id", refund.get("transaction_id").asText(),
            "status", status.get(),
            "amount", refund.get("amount")));
  }

  private static RefundRequest refund(String transactionId) {
    return new RefundRequest(
        "wechatpay",
        transactionId,
        "PO456",
        RefundRequest.keyOf(transactionId),
        880,
        880,
        "CNY",
        "settlement compensated");
  }

  @ParameterizedTest(name = "SM2 answers: {0}")
  @ValueSource(booleans = {false, true})
  void signedRefundIsAcceptedProcessingAndARetryReturnsTheSameRefund(boolean sm2Answers)
      throws Exception {
    WechatPayRefundClient client = client(sm2Answers);

    RefundReceipt first = client.refund(refund("4200000000202611250000000001"));
    RefundReceipt again = client.refund(refund("4200000000202611250000000001"));

    assertThat(first).isEqualTo(new RefundReceipt(REFUND_ID, "PROCESSING"));
    assertThat(again).isEqualTo(first);
    assertThat(refunds).containsOnlyKeys("R4200000000202611250000000001");
    JsonNode sent = json.readTree(wechatPay.received.get(0).body());
    assertThat(wechatPay.received.get(0).pathAndQuery()).isEqualTo("/v3/refund/domestic/refunds");
    assertThat(sent.get("notify_url").asText()).isEqualTo(NOTIFY_URL.toString());
    assertThat(sent.get("transaction_id").asText()).isEqualTo("4200000000202611250000000001");
    assertThat(sent.get("amount"))
        .isEqualTo(json.readTree("{\"refund\":880,\"total\":880,\"currency\":\"CNY\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"SUCCESS", "PROCESSING", "ABNORMAL", "CLOSED"})
  void refundAndItsQueryReturnWechatPaysStatus(String outcome) {
    WechatPayRefundClient client = client(false);
    status.set(outcome);

    assertThat(client.refund(refund("4200000000202611250000000003")).status()).isEqualTo(outcome);
    RefundReceipt queried = client.queryRefund(refund("4200000000202611250000000003"));

    assertThat(queried).isEqualTo(new RefundReceipt(REFUND_ID, outcome));
    assertThat(wechatPay.received.get(1).method()).isEqualTo("GET");
    assertThat(wechatPay.received.get(1).pathAndQuery())
        .isEqualTo("/v3/refund/domestic/refunds/R4200000000202611250000000003");
  }

  @Test
  void queryOfARefundWechatPayNeverSawFails() {
    WechatPayRefundClient client = client(true);

    assertThatThrownBy(() -> client.queryRefund(refund("4200000000202611250000000004")))
        .isInstanceOf(RefundFailed.class)
        .hasMessageContaining("RESOURCE_NOT_EXISTS");
  }

  @Test
  void unknownStatusIsNotTakenForAnOutcome() {
    WechatPayRefundClient client = client(false);
    status.set("PENDING_FOREVER");

    assertThatThrownBy(() -> client.refund(refund("4200000000202611250000000005")))
        .isInstanceOf(RefundFailed.class)
        .hasMessageContaining("PENDING_FOREVER");
  }

  @Test
  void answerSignedWithAnotherKeyIsNotBelieved() {
    WechatPayRefundClient client = client(false);
    wechatPay.signAnswersWith(
        new WechatPayNoticeSigner(
            WechatPaySandboxKeys.generateRsaKeyPair().getPrivate(),
            RSA_KEY_ID,
            API_V3_KEY,
            Clock.systemUTC()));

    assertThatThrownBy(() -> client.refund(refund("4200000000202611250000000002")))
        .isInstanceOf(RefundFailed.class)
        .hasMessageContaining("valid signature");
    assertThatThrownBy(() -> client.queryRefund(refund("4200000000202611250000000002")))
        .isInstanceOf(RefundFailed.class)
        .hasMessageContaining("valid signature");
  }

  @Test
  void unsignedAnswerIsNotBelieved() {
    WechatPayRefundClient client = client(true);
    wechatPay.signAnswersWith(null);

    assertThatThrownBy(() -> client.refund(refund("4200000000202611250000000006")))
        .isInstanceOf(RefundFailed.class)
        .hasMessageContaining("SIGNATURE_MISSING");
  }
}
