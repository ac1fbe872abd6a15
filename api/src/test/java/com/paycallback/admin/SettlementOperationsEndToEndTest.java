package com.paycallback.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.ServiceTest;
import com.paycallback.db.ShopFixture;
import com.paycallback.shop.PlacedOrder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 end to end over HTTP on the embedded default: sandbox orders paid through the simulated
 * gateway, sandbox faults, the admin API's operator lane, the simulated gateway's refunds.
 */
class SettlementOperationsEndToEndTest extends ServiceTest {

  private static final String OPERATOR = "admin:admin";

  private final ObjectMapper json = new ObjectMapper();
  private final List<String> faultedSteps = new ArrayList<>();

  @AfterEach
  void clearFaults() {
    faultedSteps.forEach(step -> send(delete("/sandbox/faults/" + step)));
  }

  @Test
  void stepFailingUntilClearedParksAndOperatorRetrySettlesWithTheStepAppliedOnce()
      throws Exception {
    ShopFixture shop = shop();
    String sku = shop.sku("TEA", 12800, 10);
    PlacedOrder order = shop.fullOrder(sku, 2);
    injectFault("increaseSales", "UNTIL_CLEARED", order.orderNo());

    String transactionId = pay(order.orderNo());
    awaitSettlementStatus(transactionId, "NEEDS_ATTENTION");

    JsonNode parked = json.readTree(get("/admin/settlements/" + transactionId, VIEWER).body());
    assertThat(parked.get("currentStep").asText()).isEqualTo("increaseSales");
    JsonNode sales = step(parked, "increaseSales");
    assertThat(sales.get("state").asText()).isEqualTo("FAILED");
    assertThat(sales.get("attempts").asInt()).isEqualTo(4);
    assertThat(sales.get("lastError").asText()).contains("sandbox fault");
    assertThat(
            json.readTree(get("/admin/settlements?status=NEEDS_ATTENTION", VIEWER).body())
                .findValuesAsText("transactionId"))
        .contains(transactionId);

    assertThat(postAs("/admin/settlements/" + transactionId + "/retry", null).statusCode())
        .isEqualTo(401);
    assertThat(postAs("/admin/settlements/" + transactionId + "/retry", VIEWER).statusCode())
        .isEqualTo(403);
    assertThat(send(delete("/sandbox/faults/increaseSales")).statusCode()).isEqualTo(204);
    HttpResponse<String> retried =
        postAs("/admin/settlements/" + transactionId + "/retry", OPERATOR);
    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(json.readTree(retried.body()).get("step").asText()).isEqualTo("increaseSales");

    awaitSettlementStatus(transactionId, "SETTLED");
    awaitOrderStatus(order.orderNo(), "SETTLED");
    assertThat(shop.sku(sku)).containsEntry("stock", 8).containsEntry("sales", 2);
    JsonNode settled = json.readTree(get("/admin/settlements/" + transactionId, VIEWER).body());
    assertThat(settled.get("actions")).hasSize(1);
    assertThat(settled.get("actions").get(0).get("action").asText()).isEqualTo("RETRY");
    assertThat(settled.get("actions").get(0).get("operator").asText()).isEqualTo("admin");
    assertThat(settled.get("actions").get(0).get("actedAt").asText()).isNotBlank();
    assertThat(postAs("/admin/settlements/" + transactionId + "/retry", OPERATOR).statusCode())
        .isEqualTo(409);
    assertThat(postAs("/admin/settlements/no-such-transaction/retry", OPERATOR).statusCode())
        .isEqualTo(404);
  }

  @Test
  void salesStepCanBeSkippedAndStockStepOnlyCompensated() throws Exception {
    ShopFixture shop = shop();
    String sku = shop.sku("MUG", 5900, 10);
    PlacedOrder skipped = shop.plainOrder(sku, 1);
    injectFault("increaseSales", "UNTIL_CLEARED", skipped.orderNo());
    String skippedTransaction = pay(skipped.orderNo());
    awaitSettlementStatus(skippedTransaction, "NEEDS_ATTENTION");

    assertThat(postAs("/admin/settlements/" + skippedTransaction + "/skip", OPERATOR).statusCode())
        .isEqualTo(200);
    awaitSettlementStatus(skippedTransaction, "SETTLED");
    assertThat(shop.sku(sku)).containsEntry("stock", 9).containsEntry("sales", 0);
    JsonNode detail = json.readTree(get("/admin/settlements/" + skippedTransaction, VIEWER).body());
    assertThat(step(detail, "increaseSales").get("state").asText()).isEqualTo("SKIPPED");

    PlacedOrder compensated = shop.fullOrder(sku, 1);
    injectFault("deductStock", "UNTIL_CLEARED", compensated.orderNo());
    String compensatedTransaction = pay(compensated.orderNo());
    awaitSettlementStatus(compensatedTransaction, "NEEDS_ATTENTION");

    HttpResponse<String> refused =
        postAs("/admin/settlements/" + compensatedTransaction + "/skip", OPERATOR);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(json.readTree(refused.body()).get("error").asText())
        .contains("deductStock cannot be skipped");
    assertThat(
            postAs("/admin/settlements/" + compensatedTransaction + "/compensate", OPERATOR)
                .statusCode())
        .isEqualTo(200);

    awaitSettlementStatus(compensatedTransaction, "COMPENSATED");
    awaitOrderStatus(compensated.orderNo(), "REFUNDED");
    assertThat(shop.sku(sku)).containsEntry("stock", 9);
    assertThat(shop.couponStatus()).isEqualTo("AVAILABLE");
    // Only the points the settled order earned remain; the refunded order's are all back.
    assertThat(shop.points())
        .containsEntry("frozen", 0L)
        .containsEntry("available", 5000L + skipped.payable() / 100);
    JsonNode refunds =
        json.readTree(get("/sandbox/refunds?transactionId=" + compensatedTransaction, null).body());
    assertThat(refunds).hasSize(1);
    assertThat(refunds.get(0).get("amount").asLong()).isEqualTo(compensated.payable());
    JsonNode actions =
        json.readTree(get("/admin/settlements/" + compensatedTransaction, VIEWER).body())
            .get("actions");
    assertThat(actions.findValuesAsText("outcome")).containsExactly("REJECTED", "ACCEPTED");
  }

  @Test
  void transientFaultIsRiddenOutAndPermanentFaultCompensates() throws Exception {
    ShopFixture shop = shop();
    String sku = shop.sku("CUP", 3900, 10);
    PlacedOrder riddenOut = shop.plainOrder(sku, 1);
    HttpResponse<String> injected =
        post(
            "/sandbox/faults",
            "application/json",
            """
            {"step":"publishOrderPaid","mode":"TRANSIENT","times":2,"orderNo":"%s"}
            """
                .formatted(riddenOut.orderNo()));
    assertThat(injected.statusCode()).isEqualTo(201);
    faultedSteps.add("publishOrderPaid");

    String settled = pay(riddenOut.orderNo());
    awaitSettlementStatus(settled, "SETTLED");
    assertThat(shop.outboxEvents(riddenOut.orderNo(), "OrderPaid")).isEqualTo(1);

    PlacedOrder doomed = shop.plainOrder(sku, 2);
    injectFault("increaseSales", "PERMANENT", doomed.orderNo());
    String compensated = pay(doomed.orderNo());
    awaitSettlementStatus(compensated, "COMPENSATED");
    awaitOrderStatus(doomed.orderNo(), "REFUNDED");
    assertThat(shop.sku(sku)).containsEntry("stock", 9).containsEntry("sales", 1);
    assertThat(shop.outboxEvents(doomed.orderNo(), "OrderPaid")).isZero();
    assertThat(
            json.readTree(get("/admin/settlements/" + compensated, VIEWER).body())
                .get("reason")
                .asText())
        .contains("increaseSales", "SandboxPermanentFault");
  }

  @Test
  void outOfStockAndLatePaymentAreRefundedInFull() throws Exception {
    ShopFixture shop = shop();
    String sku = shop.sku("KETTLE", 39900, 1);
    PlacedOrder tooMany = shop.fullOrder(sku, 2);
    PlacedOrder closed = shop.plainOrder(sku, 1);
    assertThat(shop.orders().close(closed.orderNo())).isTrue();

    String outOfStock = pay(tooMany.orderNo());
    String late = pay(closed.orderNo());

    awaitSettlementStatus(outOfStock, "COMPENSATED");
    awaitSettlementStatus(late, "COMPENSATED");
    awaitOrderStatus(tooMany.orderNo(), "REFUNDED");
    assertThat(shop.orderStatus(closed.orderNo())).isEqualTo("CLOSED");
    assertThat(shop.sku(sku)).containsEntry("stock", 1).containsEntry("sales", 0);
    assertThat(shop.couponStatus()).isEqualTo("AVAILABLE");
    JsonNode refunds =
        json.readTree(get("/sandbox/refunds?orderNo=" + tooMany.orderNo(), null).body());
    assertThat(refunds).hasSize(1);
    assertThat(refunds.get(0).get("amount").asLong()).isEqualTo(tooMany.payable());
    assertThat(refunds.get(0).get("refundKey").asText()).isEqualTo("R" + outOfStock);
    JsonNode lateDetail = json.readTree(get("/admin/settlements/" + late, VIEWER).body());
    assertThat(lateDetail.get("reason").asText()).isEqualTo("ORDER_CLOSED");
    assertThat(lateDetail.get("compensations").findValuesAsText("step")).containsExactly("refund");
    assertThat(json.readTree(get("/sandbox/refunds?transactionId=" + late, null).body()))
        .hasSize(1);
    assertThat(reasonCodeOf(late)).isEqualTo("LATE_PAYMENT");
    assertThat(reasonCodeOf(outOfStock)).isEqualTo("ACCEPTED");
  }

  @Test
  void secondPaymentThroughAnotherChannelIsRefundedAndTheFirstStands() throws Exception {
    ShopFixture shop = shop();
    String sku = shop.sku("VASE", 8800, 3);
    PlacedOrder order = shop.fullOrder(sku, 1);
    String first = pay(order.orderNo());
    awaitSettlementStatus(first, "SETTLED");

    HttpResponse<String> again =
        post(
            "/sandbox/pay",
            "application/json",
            "{\"orderNo\":\"%s\",\"channel\":\"wechatpay\"}".formatted(order.orderNo()));
    String second = json.readTree(again.body()).get("transactionId").asText();

    awaitSettlementStatus(second, "COMPENSATED");
    assertThat(reasonCodeOf(second)).isEqualTo("DOUBLE_PAYMENT");
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("SETTLED");
    assertThat(
            jdbc.sql("SELECT transaction_id FROM orders WHERE order_no = ?")
                .param(order.orderNo())
                .query(String.class)
                .single())
        .isEqualTo(first);
    assertThat(shop.sku(sku)).containsEntry("stock", 2).containsEntry("sales", 1);
    assertThat(shop.couponStatus()).isEqualTo("USED");
    assertThat(shop.wallet()).containsEntry("spent", 2000L).containsEntry("frozen", 0L);
    JsonNode refunds =
        json.readTree(get("/sandbox/refunds?orderNo=" + order.orderNo(), null).body());
    assertThat(refunds).hasSize(1);
    assertThat(refunds.get(0).get("refundKey").asText()).isEqualTo("R" + second);
    assertThat(refunds.get(0).get("amount").asLong()).isEqualTo(order.payable());
  }

  /** The payment notice's reason; a WeChat Pay refund notice of the same transaction is not it. */
  private String reasonCodeOf(String transactionId) {
    return jdbc.sql(
            """
            SELECT reason_code FROM payment_notices
             WHERE transaction_id = ? AND trade_status NOT LIKE 'REFUND.%'
            """)
        .param(transactionId)
        .query(String.class)
        .single();
  }

  @Test
  void twentyOrdersPaidAtOnceForFiveUnitsSettleFiveAndRefundFifteen() throws Exception {
    ShopFixture shop = shop();
    String sku = shop.sku("LAST", 9900, 5);
    List<PlacedOrder> orders = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      orders.add(shop.plainOrder(sku, 1));
    }
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<String> transactions = new ArrayList<>();
    try {
      List<Callable<String>> payments = new ArrayList<>();
      for (PlacedOrder order : orders) {
        payments.add(() -> pay(order.orderNo()));
      }
      for (Future<String> paid : pool.invokeAll(payments)) {
        transactions.add(paid.get());
      }
    } finally {
      pool.shutdown();
    }

    int settled = 0;
    for (int i = 0; i < 20; i++) {
      awaitSettlementFinished(transactions.get(i));
      String status = shop.orderStatus(orders.get(i).orderNo());
      assertThat(status).isIn("SETTLED", "REFUNDED");
      if (status.equals("SETTLED")) {
        settled++;
      }
    }
    assertThat(settled).isEqualTo(5);
    assertThat(shop.sku(sku)).containsEntry("stock", 0).containsEntry("sales", 5);
    assertThat(
            count(
                "SELECT COUNT(*) FROM sandbox_refunds r JOIN orders o ON o.order_no = r.order_no"
                    + " JOIN order_items i ON i.order_no = o.order_no WHERE i.sku_id = ?",
                sku))
        .isEqualTo(15);
  }

  private static JsonNode step(JsonNode settlement, String name) {
    for (JsonNode step : settlement.get("steps")) {
      if (step.get("step").asText().equals(name)) {
        return step;
      }
    }
    throw new AssertionError("no step " + name);
  }

  private void injectFault(String step, String mode, String orderNo) {
    HttpResponse<String> injected =
        post(
            "/sandbox/faults",
            "application/json",
            """
            {"step":"%s","mode":"%s","orderNo":"%s"}
            """
                .formatted(step, mode, orderNo));
    assertThat(injected.statusCode()).isEqualTo(201);
    faultedSteps.add(step);
  }

  /** Pays the order through the simulated Alipay; returns the transaction id. */
  private String pay(String orderNo) throws Exception {
    HttpResponse<String> paid =
        post(
            "/sandbox/pay",
            "application/json",
            "{\"orderNo\":\"%s\",\"channel\":\"alipay\"}".formatted(orderNo));
    assertThat(paid.statusCode()).isEqualTo(200);
    JsonNode payment = json.readTree(paid.body());
    assertThat(payment.get("answer").asText()).isEqualTo("success");
    return payment.get("transactionId").asText();
  }

  private HttpRequest delete(String path) {
    return HttpRequest.newBuilder(uri(path)).DELETE().build();
  }
}
