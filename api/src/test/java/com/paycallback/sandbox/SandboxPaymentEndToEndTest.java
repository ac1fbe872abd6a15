package com.paycallback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.ServiceTest;
import com.paycallback.db.ShopFixture;
import com.paycallback.gateway.wechatpay.WechatPayTestKeys;
import com.paycallback.notice.TestNotices;
import com.paycallback.shop.PlacedOrder;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every channel end to end on the embedded default: sandbox order → sandbox pay → SETTLED. */
class SandboxPaymentEndToEndTest extends ServiceTest {

  private final ObjectMapper json = new ObjectMapper();

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"alipay,RSA", "wechatpay,RSA", "wechatpay,SM2", "generic,RSA"})
  void sandboxPaymentSettles(String channel, String signatureType) throws Exception {
    ShopFixture shop = shop();
    String sku = shop.sku("TEA", 12800, 10);
    HttpResponse<String> placed =
        post(
            "/sandbox/orders",
            "application/json",
            """
            {"userId":"%s","items":[{"skuId":"%s","quantity":1}],"couponId":"%s","points":100}
            """
                .formatted(shop.userId, sku, shop.couponId));
    assertThat(placed.statusCode()).isEqualTo(201);
    String orderNo = json.readTree(placed.body()).get("orderNo").asText();

    HttpResponse<String> paid =
        post(
            "/sandbox/pay",
            "application/json",
            """
            {"orderNo":"%s","channel":"%s","signatureType":"%s"}
            """
                .formatted(orderNo, channel, signatureType));

    assertThat(paid.statusCode()).isEqualTo(200);
    JsonNode payment = json.readTree(paid.body());
    assertThat(payment.get("answer").asText()).isIn("success", "HTTP 204");
    String transactionId = payment.get("transactionId").asText();
    awaitSettlementStatus(transactionId, "SETTLED");
    JsonNode order = json.readTree(get("/sandbox/orders/" + orderNo, null).body());
    assertThat(order.get("status").asText()).isEqualTo("SETTLED");
    assertThat(order.get("transactionId").asText()).isEqualTo(transactionId);
    assertThat(order.get("pointsEarned").asLong()).isEqualTo((12800 - 1000 - 100) / 100);
    assertThat(shop.sku(sku)).containsEntry("stock", 9).containsEntry("sales", 1);
    assertThat(shop.couponStatus()).isEqualTo("USED");
    assertThat(
            jdbc.sql("SELECT channel, payer_ref FROM settlements WHERE transaction_id = ?")
                .param(transactionId)
                .query()
                .singleRow())
        .containsEntry("channel", channel);
  }

  @Test
  void wechatPayNoticeSignedWithAPlatformCertificateSettles() {
    ShopFixture shop = shop();
    String sku = shop.sku("MUG", 5900, 5);
    PlacedOrder order = shop.plainOrder(sku, 2);
    String transactionId = "4200000" + shop.suffix;
    SignedWechatPayNotice notice =
        TestNotices.wechatSigned(
            TestNotices.wechatTransaction(
                WECHAT_APP_ID, MCH_ID, transactionId, order.orderNo(), order.payable()),
            WECHATPAY_CERT_KEY.getPrivate(),
            WechatPayTestKeys.serialOf(WECHATPAY_CERT),
            API_V3_KEY,
            Clock.systemUTC());
    assertThat(
            post("/notify/wechatpay", "application/json", notice.headers().asMap(), notice.body())
                .statusCode())
        .isEqualTo(204);

    awaitSettlementStatus(transactionId, "SETTLED");
    assertThat(shop.sku(sku)).containsEntry("stock", 3).containsEntry("sales", 2);
    // The payer's openid never reaches the database or Temporal in clear text.
    assertThat(
            jdbc.sql("SELECT payer_ref FROM settlements WHERE transaction_id = ?")
                .param(transactionId)
                .query(String.class)
                .single())
        .hasSize(64)
        .doesNotContain("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    byte[] stored =
        jdbc.sql("SELECT payload_ciphertext FROM payment_notices WHERE transaction_id = ?")
            .param(transactionId)
            .query(byte[].class)
            .single();
    assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("resource")
        .doesNotContain("TRANSACTION.SUCCESS");
  }
}
