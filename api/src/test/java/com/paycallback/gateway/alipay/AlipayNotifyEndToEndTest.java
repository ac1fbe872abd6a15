package com.paycallback.gateway.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.ServiceTest;
import com.paycallback.db.ShopFixture;
import com.paycallback.shop.PlacedOrder;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Alipay notices through HTTP on the embedded default, down to the database. */
class AlipayNotifyEndToEndTest extends ServiceTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void sandboxOrderPaidThroughSimulatedAlipaySettles() throws Exception {
    ShopFixture shop = shop();
    String sku = shop.sku("TEA", 12800, 10);
    HttpResponse<String> placed =
        post(
            "/sandbox/orders",
            "application/json",
            """
            {"userId":"%s","items":[{"skuId":"%s","quantity":2}],"couponId":"%s",
             "points":300,"balance":2000}
            """
                .formatted(shop.userId, sku, shop.couponId));
    assertThat(placed.statusCode()).isEqualTo(201);
    JsonNode order = json.readTree(placed.body());
    assertThat(order.get("payable").asLong()).isEqualTo(25600 - 1000 - 300 - 2000);
    String orderNo = order.get("orderNo").asText();

    HttpResponse<String> paid =
        post(
            "/sandbox/pay",
            "application/json",
            "{\"orderNo\":\"%s\",\"channel\":\"alipay\"}".formatted(orderNo));
    assertThat(paid.statusCode()).isEqualTo(200);
    JsonNode payment = json.readTree(paid.body());
    assertThat(payment.get("answer").asText()).isEqualTo("success");
    String transactionId = payment.get("transactionId").asText();

    awaitOrderStatus(orderNo, "SETTLED");
    JsonNode view = json.readTree(get("/sandbox/orders/" + orderNo, null).body());
    assertThat(view.get("status").asText()).isEqualTo("SETTLED");
    assertThat(view.get("transactionId").asText()).isEqualTo(transactionId);
    assertThat(shop.sku(sku)).containsEntry("stock", 8).containsEntry("sales", 2);
    assertThat(shop.couponStatus()).isEqualTo("USED");
    assertThat(shop.wallet()).containsEntry("frozen", 0L).containsEntry("spent", 2000L);

    awaitSettlementStatus(transactionId, "SETTLED");
    HttpResponse<String> admin = get("/admin/settlements/" + transactionId, "admin:admin");
    assertThat(admin.statusCode()).isEqualTo(200);
    JsonNode settlement = json.readTree(admin.body());
    assertThat(settlement.get("status").asText()).isEqualTo("SETTLED");
    assertThat(settlement.get("steps")).hasSize(8);
    settlement
        .get("steps")
        .forEach(step -> assertThat(step.get("state").asText()).isEqualTo("DONE"));
    assertThat(get("/admin/settlements/" + transactionId, null).statusCode()).isEqualTo(401);
  }

  @Test
  void sameNoticePostedTwentyTimesConcurrentlySettlesOnce() throws Exception {
    ShopFixture shop = shop();
    String sku = shop.sku("MUG", 5900, 50);
    PlacedOrder order = shop.fullOrder(sku, 3);
    String transactionId = "2026112522001" + shop.suffix;
    Map<String, String> notice = alipayPaid(transactionId, order);

    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    try {
      List<Callable<HttpResponse<String>>> posts = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        posts.add(() -> postAlipay(notice));
      }
      answers.addAll(pool.invokeAll(posts));
    } finally {
      pool.shutdown();
    }
    for (Future<HttpResponse<String>> answer : answers) {
      assertThat(answer.get().statusCode()).isEqualTo(200);
      assertThat(answer.get().body()).isEqualTo("success");
    }

    awaitSettlementStatus(transactionId, "SETTLED");
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("SETTLED");
    assertThat(shop.sku(sku)).containsEntry("stock", 47).containsEntry("sales", 3);
    assertThat(shop.wallet()).containsEntry("spent", 2000L).containsEntry("frozen", 0L);
    assertThat(shop.outboxEvents(order.orderNo(), "OrderPaid")).isEqualTo(1);
    assertThat(
            count("SELECT COUNT(*) FROM settlement_steps WHERE transaction_id = ?", transactionId))
        .isEqualTo(8);
    assertThat(
            count(
                "SELECT COUNT(*) FROM payment_notices WHERE transaction_id = ? AND outcome ="
                    + " 'ACCEPTED'",
                transactionId))
        .isEqualTo(1);
    assertThat(
            count(
                "SELECT COUNT(*) FROM payment_notices WHERE transaction_id = ? AND outcome ="
                    + " 'DUPLICATE'",
                transactionId))
        .isEqualTo(19);
  }

  @Test
  void tamperedNoticeIsRejectedAndChangesNothing() throws Exception {
    ShopFixture shop = shop();
    String sku = shop.sku("KETTLE", 39900, 5);
    PlacedOrder order = shop.fullOrder(sku, 1);
    String transactionId = "2026112522002" + shop.suffix;
    Map<String, String> notice = alipayPaid(transactionId, order);
    notice.put("total_amount", AlipayNotices.yuan(order.payable() - 1));

    HttpResponse<String> answer = postAlipay(notice);

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body()).isEqualTo("failure");
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("PENDING_PAYMENT");
    assertThat(shop.sku(sku)).containsEntry("stock", 5).containsEntry("sales", 0);
    assertThat(shop.couponStatus()).isEqualTo("LOCKED");
    assertThat(shop.wallet()).containsEntry("frozen", 2000L).containsEntry("spent", 0L);
    assertThat(count("SELECT COUNT(*) FROM settlements WHERE order_no = ?", order.orderNo()))
        .isZero();
    assertThat(
            jdbc.sql(
                    "SELECT outcome, reason_code, payload_key_id FROM payment_notices"
                        + " WHERE transaction_id = ?")
                .param(transactionId)
                .query()
                .singleRow())
        .containsEntry("outcome", "REJECTED")
        .containsEntry("reason_code", "SIGNATURE_INVALID")
        .containsEntry("payload_key_id", "sandbox-1");

    HttpResponse<String> trail =
        get("/admin/notices?transactionId=" + transactionId + "&outcome=REJECTED", VIEWER);
    assertThat(trail.statusCode()).isEqualTo(200);
    JsonNode rows = json.readTree(trail.body());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("reasonCode").asText()).isEqualTo("SIGNATURE_INVALID");
    assertThat(rows.get(0).get("orderNo").asText()).isEqualTo(order.orderNo());
    assertThat(Instant.parse(rows.get(0).get("receivedAt").asText()))
        .isBetween(Instant.now().minusSeconds(60), Instant.now());
    assertThat(rows.get(0).has("payloadCiphertext")).isFalse();
  }

  @Test
  void genuinePaymentOneFenShortIsAcknowledgedRefundedAndChangesNothing() {
    ShopFixture shop = shop();
    String sku = shop.sku("CUP", 1000, 5);
    PlacedOrder order = shop.plainOrder(sku, 1);
    String transactionId = "2026112522003" + shop.suffix;
    Map<String, String> notice =
        AlipayNotices.signed(
            AlipayNotices.paid(
                APP_ID,
                SELLER_ID,
                transactionId,
                order.orderNo(),
                AlipayNotices.yuan(order.payable() - 1)),
            ALIPAY);

    HttpResponse<String> answer = postAlipay(notice);

    // Issue 10: the money has moved; a refusal would have Alipay retry for a day.
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("success");
    awaitSettlementStatus(transactionId, "COMPENSATED");
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("PENDING_PAYMENT");
    assertThat(shop.sku(sku)).containsEntry("stock", 5).containsEntry("sales", 0);
    assertThat(
            jdbc.sql("SELECT reason_code FROM payment_notices WHERE transaction_id = ?")
                .param(transactionId)
                .query(String.class)
                .single())
        .isEqualTo("AMOUNT_MISMATCH");
    assertThat(
            jdbc.sql("SELECT amount FROM sandbox_refunds WHERE transaction_id = ?")
                .param(transactionId)
                .query(Long.class)
                .single())
        .isEqualTo(order.payable() - 1);
  }

  @Test
  void statusThatIsNotPaidIsRecordedAndAcknowledgedButNeverSettled() {
    ShopFixture shop = shop();
    String sku = shop.sku("PLATE", 2000, 5);
    PlacedOrder order = shop.plainOrder(sku, 1);
    String transactionId = "2026112522004" + shop.suffix;
    Map<String, String> unsigned = alipayPaidUnsigned(transactionId, order);
    unsigned.put("trade_status", "WAIT_BUYER_PAY");

    HttpResponse<String> answer = postAlipay(AlipayNotices.signed(unsigned, ALIPAY));

    assertThat(answer.body()).isEqualTo("success");
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("PENDING_PAYMENT");
    assertThat(count("SELECT COUNT(*) FROM settlements WHERE transaction_id = ?", transactionId))
        .isZero();
    assertThat(
            jdbc.sql("SELECT outcome FROM payment_notices WHERE transaction_id = ?")
                .param(transactionId)
                .query(String.class)
                .single())
        .isEqualTo("IGNORED");
  }

  @Test
  void tradeFinishedAfterTradeSuccessSettlesNothingNew() {
    ShopFixture shop = shop();
    String sku = shop.sku("BOWL", 3000, 5);
    PlacedOrder order = shop.plainOrder(sku, 2);
    String transactionId = "2026112522005" + shop.suffix;
    Map<String, String> success = alipayPaidUnsigned(transactionId, order);
    assertThat(postAlipay(AlipayNotices.signed(success, ALIPAY)).body()).isEqualTo("success");
    awaitSettlementStatus(transactionId, "SETTLED");

    Map<String, String> finished = new java.util.LinkedHashMap<>(success);
    finished.put("trade_status", "TRADE_FINISHED");
    assertThat(postAlipay(AlipayNotices.signed(finished, ALIPAY)).body()).isEqualTo("success");

    assertThat(shop.sku(sku)).containsEntry("stock", 3).containsEntry("sales", 2);
    assertThat(
            jdbc.sql("SELECT outcome FROM payment_notices WHERE transaction_id = ? ORDER BY id")
                .param(transactionId)
                .query(String.class)
                .list())
        .containsExactly("ACCEPTED", "DUPLICATE");
  }
}
