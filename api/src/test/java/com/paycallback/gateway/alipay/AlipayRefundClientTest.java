package com.paycallback.gateway.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alipay.api.internal.util.AlipaySignature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.gateway.FakeGateway;
import com.paycallback.refund.RefundFailed;
import com.paycallback.refund.RefundReceipt;
import com.paycallback.refund.RefundRequest;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Alipay refund client against a local Alipay that checks requests with the official SDK's
 * {@code AlipaySignature} and signs its answers with it.
 */
class AlipayRefundClientTest {

  private static final String APP_ID = "2021000000000001";

  private final KeyPair merchant = AlipayNotices.newKeyPair();
  private final KeyPair alipay = AlipayNotices.newKeyPair();
  private final ObjectMapper json = new ObjectMapper();
  private final Set<String> refunded = ConcurrentHashMap.newKeySet();
  private FakeGateway gateway;

  @AfterEach
  void stop() {
    gateway.close();
  }

  private static String base64(byte[] der) {
    return Base64.getEncoder().encodeToString(der);
  }

  private AlipayRefundClient client(KeyPair answerKey) {
    gateway =
        new FakeGateway(
            request -> {
              Map<String, String> params = new TreeMap<>();
              for (String pair : request.body().split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
              }
              // OpenAPI requests sign every parameter but sign itself (sign_type included).
              boolean genuine =
                  AlipaySignature.rsaCheckV2(
                      params, base64(merchant.getPublic().getEncoded()), "utf-8", "RSA2");
              String response;
              if (!genuine || !APP_ID.equals(params.get("app_id"))) {
                response =
                    "{\"code\":\"40002\",\"msg\":\"Invalid Arguments\",\"sub_code\":"
                        + "\"isv.invalid-signature\",\"sub_msg\":\"bad signature\"}";
              } else {
                JsonNode biz = json.readTree(params.get("biz_content"));
                assertThat(params.get("method")).isEqualTo("alipay.trade.refund");
                // Idempotent on out_request_no, as Alipay is: a repeat moves no money.
                boolean first = refunded.add(biz.get("out_request_no").asText());
                response =
                    json.writeValueAsString(
                        Map.of(
                            "code",
                            "10000",
                            "msg",
                            "Success",
                            "trade_no",
                            biz.get("trade_no").asText(),
                            "out_trade_no",
                            biz.get("out_trade_no").asText(),
                            "refund_fee",
                            biz.get("refund_amount").asText(),
                            "fund_change",
                            first ? "Y" : "N"));
              }
              String sign =
                  AlipaySignature.rsa256Sign(
                      response, base64(answerKey.getPrivate().getEncoded()), "utf-8");
              return new FakeGateway.Answer(
                  200,
                  Map.of("Content-Type", "text/html;charset=utf-8"),
                  "{\"alipay_trade_refund_response\":" + response + ",\"sign\":\"" + sign + "\"}");
            });
    return new AlipayRefundClient(
        new AlipayProperties(
            APP_ID,
            null,
            List.of(),
            null,
            List.of(),
            "-----BEGIN PRIVATE KEY-----\n"
                + base64(merchant.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n",
            gateway.uri("/gateway.do")),
        new AlipayKeys(List.of(alipay.getPublic())),
        HttpClient.newHttpClient(),
        Clock.systemUTC());
  }

  private static RefundRequest refund(String transactionId) {
    return new RefundRequest(
        "alipay",
        transactionId,
        "PO123",
        RefundRequest.keyOf(transactionId),
        12345,
        12345,
        "CNY",
        "settlement compensated");
  }

  @Test
  void signedRefundIsAcceptedAndARetryRefundsNothingMore() {
    AlipayRefundClient client = client(alipay);

    RefundReceipt first = client.refund(refund("2026112522001400001"));
    RefundReceipt again = client.refund(refund("2026112522001400001"));

    assertThat(first).isEqualTo(new RefundReceipt("2026112522001400001", "SUCCESS"));
    assertThat(again).isEqualTo(first);
    assertThat(refunded).containsExactly("R2026112522001400001");
  }

  @Test
  void answerSignedWithAnotherKeyIsNotBelieved() {
    AlipayRefundClient client = client(AlipayNotices.newKeyPair());

    assertThatThrownBy(() -> client.refund(refund("2026112522001400002")))
        .isInstanceOf(RefundFailed.class)
        .hasMessageContaining("valid signature");
  }
}
