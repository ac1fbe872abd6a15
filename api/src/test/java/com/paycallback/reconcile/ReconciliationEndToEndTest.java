package com.paycallback.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.ServiceTest;
import com.paycallback.db.ShopFixture;
import com.paycallback.gateway.FakeGateway;
import com.paycallback.gateway.generic.GenericProperties;
import com.paycallback.gateway.generic.GenericTradeQueries;
import com.paycallback.gateway.generic.HmacSigner;
import com.paycallback.notice.NoticePipeline;
import com.paycallback.reconcile.Reconciler.Action;
import com.paycallback.reconcile.Reconciler.Reconciliation;
import com.paycallback.sandbox.SandboxTrades;
import com.paycallback.shop.PlacedOrder;
import com.paycallback.shop.ShopOrders;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 10, end to end on the embedded default: payments the shop never heard of are found by
 * asking the simulated generic gateway over HTTP, settled once through the same inbox as notices,
 * and expired unpaid orders are closed at the gateway and in the shop.
 */
class ReconciliationEndToEndTest extends ServiceTest {

  private static final String OPERATOR = "admin:admin";

  private final ObjectMapper json = new ObjectMapper();

  @Autowired Reconciler reconciler;
  @Autowired ReconciliationSchedule schedule;
  @Autowired ReconciliationProperties properties;
  @Autowired NoticePipeline pipeline;
  @Autowired ShopOrders shopOrders;
  @Autowired MeterRegistry meters;
  @Autowired SandboxTrades trades;

  @Test
  void paymentWhoseNoticeIsNeverDeliveredIsFoundAndSettledOnce() throws Exception {
    ShopFixture shop = shop();
    String sku = shop.sku("TEA", 12800, 10);
    PlacedOrder order = shop.fullOrder(sku, 1);
    String transactionId = payWithoutNotice(order);

    assertThat(orderStatus(order)).isEqualTo("PENDING_PAYMENT");
    assertThat(sweepFor(order)).as("asked before query-after").isEmpty();

    backdate(order, Duration.ofMinutes(6));
    assertThat(sweepFor(order))
        .singleElement()
        .satisfies(done -> assertThat(done.action()).isEqualTo(Action.SETTLING));
    awaitSettlementStatus(transactionId, "SETTLED");
    assertThat(sweepFor(order)).as("a settled order is not asked about again").isEmpty();

    assertThat(orderStatus(order)).isEqualTo("SETTLED");
    assertThat(count("SELECT COUNT(*) FROM settlements WHERE order_no = ?", order.orderNo()))
        .isEqualTo(1);
    assertThat(
            jdbc.sql("SELECT source FROM settlements WHERE transaction_id = ?")
                .param(transactionId)
                .query(String.class)
                .single())
        .isEqualTo("QUERY");
    assertThat(
            count(
                "SELECT COUNT(*) FROM payment_notices WHERE transaction_id = ? AND source = 'QUERY'"
                    + " AND reason_code = 'ACCEPTED' AND source_ip IS NULL",
                transactionId))
        .isEqualTo(1);
    assertThat(shop.sku(sku)).containsEntry("stock", 9).containsEntry("sales", 1);
    assertThat(shop.couponStatus()).isEqualTo("USED");
    assertThat(
            count(
                "SELECT COUNT(*) FROM settlement_steps WHERE transaction_id = ?"
                    + " AND step = 'deductStock'",
                transactionId))
        .isEqualTo(1);
  }

  @Test
  void noticeArrivingWhileTheQuerySettlesTheSamePaymentSettlesOnce() throws Exception {
    ShopFixture shop = shop();
    String sku = shop.sku("CUP", 4500, 10);
    PlacedOrder order = shop.plainOrder(sku, 2);
    String transactionId = payWithoutNotice(order);
    backdate(order, Duration.ofMinutes(6));
    SandboxTrades.Trade trade = trades.byTransaction(transactionId).orElseThrow();
    byte[] notice =
        json.writeValueAsBytes(
            Map.of(
                "transactionId", transactionId,
                "orderNo", order.orderNo(),
                "amount", trade.amount(),
                "currency", "CNY",
                "status", "SUCCESS",
                "paidAt", trade.paidAt().toString(),
                "payerId", trade.payer()));

    CompletableFuture<List<Reconciliation>> sweep = CompletableFuture.supplyAsync(this::sweepAll);
    HttpResponse<String> answer =
        post(
            "/notify/generic",
            "application/json",
            Map.of(
                "Paycallback-Signature",
                HmacSigner.signatureHeader(GENERIC_SECRET, Instant.now(), notice)),
            notice);
    sweep.join();

    assertThat(answer.statusCode()).isEqualTo(204);
    awaitSettlementStatus(transactionId, "SETTLED");
    assertThat(count("SELECT COUNT(*) FROM settlements WHERE order_no = ?", order.orderNo()))
        .isEqualTo(1);
    assertThat(
            jdbc.sql(
                    "SELECT reason_code FROM payment_notices WHERE transaction_id = ?"
                        + " ORDER BY reason_code")
                .param(transactionId)
                .query(String.class)
                .list())
        .as("one hand-off; the other path, if it got there, found it a duplicate")
        .containsOnlyOnce("ACCEPTED")
        .allMatch(reason -> reason.equals("ACCEPTED") || reason.equals("DUPLICATE"));
    assertThat(shop.sku(sku)).containsEntry("stock", 8).containsEntry("sales", 2);
  }

  @Test
  void expiredUnpaidOrderIsClosedWithItsHoldsReleasedAndItsTradeClosed() {
    ShopFixture shop = shop();
    String sku = shop.sku("POT", 30000, 3);
    PlacedOrder order = shop.fullOrder(sku, 1);
    shopOrders.startPayment(order.orderNo(), "generic");
    assertThat(shop.points()).containsEntry("available", 4700L).containsEntry("frozen", 300L);

    backdate(order, Duration.ofMinutes(20));
    assertThat(sweepFor(order))
        .singleElement()
        .satisfies(done -> assertThat(done.action()).isEqualTo(Action.WAITING));
    assertThat(orderStatus(order))
        .as("unpaid, but before its deadline")
        .isEqualTo("PENDING_PAYMENT");

    backdate(order, Duration.ofMinutes(11));
    assertThat(sweepFor(order))
        .singleElement()
        .satisfies(
            done -> {
              assertThat(done.action()).isEqualTo(Action.CLOSED);
              assertThat(done.answers())
                  .singleElement()
                  .hasFieldOrPropertyWithValue("answer", "NOT_PAID");
            });

    assertThat(orderStatus(order)).isEqualTo("CLOSED");
    assertThat(trades.find("generic", order.orderNo()))
        .hasValueSatisfying(trade -> assertThat(trade.status()).isEqualTo(SandboxTrades.CLOSED));
    assertThat(shop.couponStatus()).isEqualTo("AVAILABLE");
    assertThat(shop.points()).containsEntry("available", 5000L).containsEntry("frozen", 0L);
    assertThat(shop.wallet()).containsEntry("available", 20000L).containsEntry("frozen", 0L);
    assertThat(shop.sku(sku)).containsEntry("stock", 3).containsEntry("sales", 0);
  }

  @Test
  void expiredOrderWithoutAStartedPaymentIsClosedWithoutAsking() {
    ShopFixture shop = shop();
    PlacedOrder order = shop.fullOrder(shop.sku("JAR", 9000, 3), 1);
    backdate(order, Duration.ofMinutes(31));

    assertThat(sweepFor(order))
        .singleElement()
        .satisfies(
            done -> {
              assertThat(done.action()).isEqualTo(Action.CLOSED);
              assertThat(done.answers()).isEmpty();
            });
    assertThat(orderStatus(order)).isEqualTo("CLOSED");
    assertThat(shop.couponStatus()).isEqualTo("AVAILABLE");
  }

  @Test
  void expiredOrderTheGatewaySaysWasPaidIsSettledInsteadOfClosed() throws Exception {
    ShopFixture shop = shop();
    String sku = shop.sku("BOWL", 6000, 4);
    PlacedOrder order = shop.fullOrder(sku, 1);
    String transactionId = payWithoutNotice(order);
    backdate(order, Duration.ofMinutes(31));

    assertThat(sweepFor(order))
        .singleElement()
        .satisfies(done -> assertThat(done.action()).isEqualTo(Action.SETTLING));
    awaitSettlementStatus(transactionId, "SETTLED");

    assertThat(orderStatus(order)).isEqualTo("SETTLED");
    assertThat(trades.find("generic", order.orderNo()))
        .hasValueSatisfying(trade -> assertThat(trade.paid()).isTrue());
    assertThat(shop.couponStatus()).isEqualTo("USED");
    assertThat(shop.sku(sku)).containsEntry("stock", 3);
  }

  @Test
  void queryAnswerWithABadSignatureIsRefusedAndChangesNothing() {
    ShopFixture shop = shop();
    String sku = shop.sku("LID", 7000, 4);
    PlacedOrder order = shop.fullOrder(sku, 1);
    shopOrders.startPayment(order.orderNo(), "generic");
    backdate(order, Duration.ofMinutes(31));
    String forgedTransaction = "GENFORGED" + shop.suffix;
    try (FakeGateway forger =
        new FakeGateway(
            request -> {
              String body =
                  json.writeValueAsString(
                      Map.of(
                          "orderNo",
                          order.orderNo(),
                          "status",
                          "SUCCESS",
                          "transactionId",
                          forgedTransaction,
                          "amount",
                          order.payable(),
                          "currency",
                          "CNY",
                          "paidAt",
                          Instant.now().toString()));
              return new FakeGateway.Answer(
                  200,
                  Map.of(
                      "Paycallback-Signature",
                      HmacSigner.signatureHeader(
                          "not-the-gateways-secret",
                          Instant.now(),
                          body.getBytes(StandardCharsets.UTF_8))),
                  body);
            })) {
      Reconciler askingTheForger = reconcilerAsking(forger);

      Reconciliation done = askingTheForger.reconcileNow(order.orderNo()).orElseThrow();

      assertThat(done.action()).isEqualTo(Action.WAITING);
      assertThat(done.answers()).singleElement().hasFieldOrPropertyWithValue("answer", "FORGED");
    }
    assertThat(orderStatus(order)).isEqualTo("PENDING_PAYMENT");
    assertThat(count("SELECT COUNT(*) FROM settlements WHERE order_no = ?", order.orderNo()))
        .isZero();
    assertThat(
            count(
                "SELECT COUNT(*) FROM payment_notices WHERE order_no = ? AND source = 'QUERY'"
                    + " AND outcome = 'REJECTED' AND reason_code = 'SIGNATURE_INVALID'",
                order.orderNo()))
        .isEqualTo(1);
    assertThat(shop.couponStatus()).isEqualTo("LOCKED");
    assertThat(shop.points()).containsEntry("frozen", 300L);
    assertThat(shop.sku(sku)).containsEntry("stock", 4);
  }

  @Test
  void operatorReconcileAnswersWhatTheGatewaySaidAndWhatWasDone() throws Exception {
    ShopFixture shop = shop();
    PlacedOrder unpaid = shop.plainOrder(shop.sku("SPOON", 800, 5), 1);
    shopOrders.startPayment(unpaid.orderNo(), "generic");
    PlacedOrder paid = shop.plainOrder(shop.sku("FORK", 900, 5), 1);
    String transactionId = payWithoutNotice(paid);

    HttpResponse<String> waiting =
        postAs("/admin/orders/" + unpaid.orderNo() + "/reconcile", OPERATOR);
    assertThat(waiting.statusCode()).isEqualTo(200);
    JsonNode waitingAnswer = json.readTree(waiting.body());
    assertThat(waitingAnswer.get("action").asText()).isEqualTo("WAITING");
    assertThat(waitingAnswer.at("/answers/0/channel").asText()).isEqualTo("generic");
    assertThat(waitingAnswer.at("/answers/0/answer").asText()).isEqualTo("NOT_PAID");
    assertThat(waitingAnswer.at("/answers/0/gatewayState").asText()).isEqualTo("NOTPAY");

    HttpResponse<String> settling =
        postAs("/admin/orders/" + paid.orderNo() + "/reconcile", OPERATOR);
    assertThat(settling.statusCode()).isEqualTo(200);
    JsonNode settlingAnswer = json.readTree(settling.body());
    assertThat(settlingAnswer.get("action").asText()).isEqualTo("SETTLING");
    assertThat(settlingAnswer.at("/answers/0/answer").asText()).isEqualTo("PAID");
    assertThat(settlingAnswer.at("/answers/0/transactionId").asText()).isEqualTo(transactionId);
    assertThat(settlingAnswer.at("/answers/0/handOff").asText()).isEqualTo("ACCEPTED");
    awaitSettlementStatus(transactionId, "SETTLED");
    assertThat(
            jdbc.sql("SELECT reconcile_answer FROM orders WHERE order_no = ?")
                .param(paid.orderNo())
                .query(String.class)
                .single())
        .contains("generic: PAID SUCCESS -> ACCEPTED");

    JsonNode standing = json.readTree(get("/admin/orders/" + unpaid.orderNo(), VIEWER).body());
    assertThat(standing.get("status").asText()).isEqualTo("PENDING_PAYMENT");
    assertThat(standing.get("channels").toString()).isEqualTo("[\"generic\"]");
    assertThat(standing.get("paymentStartedAt").isNull()).isFalse();
    assertThat(standing.get("lastAnswer").asText()).startsWith("generic: NOT_PAID NOTPAY");

    assertThat(postAs("/admin/orders/" + paid.orderNo() + "/reconcile", VIEWER).statusCode())
        .isEqualTo(403);
    assertThat(postAs("/admin/orders/PO-NO-SUCH-ORDER/reconcile", OPERATOR).statusCode())
        .isEqualTo(404);
  }

  @Test
  void twoInstancesSweepingAtOnceAskAboutEachOrderOnce() {
    ShopFixture shop = shop();
    String sku = shop.sku("PLATE", 1500, 50);
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      PlacedOrder order = shop.plainOrder(sku, 1);
      shopOrders.startPayment(order.orderNo(), "generic");
      backdate(order, Duration.ofMinutes(6));
      mine.add(order.orderNo());
    }
    Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    try (FakeGateway slowGateway =
        new FakeGateway(
            request -> {
              String orderNo = json.readTree(request.body()).get("orderNo").asText();
              asked.computeIfAbsent(orderNo, o -> new AtomicInteger()).incrementAndGet();
              Thread.sleep(100);
              String body = json.writeValueAsString(Map.of("orderNo", orderNo, "status", "NOTPAY"));
              return new FakeGateway.Answer(
                  200,
                  Map.of(
                      "Paycallback-Signature",
                      HmacSigner.signatureHeader(
                          GENERIC_SECRET, Instant.now(), body.getBytes(StandardCharsets.UTF_8))),
                  body);
            })) {
      CompletableFuture<List<Reconciliation>> one =
          CompletableFuture.supplyAsync(() -> reconcilerAsking(slowGateway).sweep());
      CompletableFuture<List<Reconciliation>> other =
          CompletableFuture.supplyAsync(() -> reconcilerAsking(slowGateway).sweep());
      one.join();
      other.join();
    }
    for (String orderNo : mine) {
      assertThat(asked.get(orderNo)).as("questions about " + orderNo).hasValue(1);
      assertThat(count("SELECT reconcile_attempts FROM orders WHERE order_no = ?", orderNo))
          .isEqualTo(1);
    }
  }

  @Test
  void sandboxBooksTheAmountTheBuyerPaid() throws Exception {
    ShopFixture shop = shop();
    PlacedOrder order = shop.plainOrder(shop.sku("TRAY", 2500, 5), 1);
    HttpResponse<String> paid =
        post(
            "/sandbox/pay",
            "application/json",
            """
            {"orderNo":"%s","channel":"generic","deliver":false,"amount":%d}
            """
                .formatted(order.orderNo(), order.payable() - 100));

    String transactionId = json.readTree(paid.body()).get("transactionId").asText();
    assertThat(trades.byTransaction(transactionId))
        .hasValueSatisfying(trade -> assertThat(trade.amount()).isEqualTo(order.payable() - 100));
    assertThat(shopOrders.paymentChannels(order.orderNo())).containsExactly("generic");
  }

  private Reconciler reconcilerAsking(FakeGateway gateway) {
    return new Reconciler(
        schedule,
        properties,
        pipeline,
        shopOrders,
        meters,
        List.of(
            new GenericTradeQueries(
                new GenericProperties(
                    List.of(GENERIC_SECRET), Duration.ofMinutes(5), List.of(), null, null, null),
                () -> gateway.uri("/query"),
                () -> gateway.uri("/close"),
                HttpClient.newHttpClient(),
                Clock.systemUTC())));
  }

  /** Pays the order through the simulated generic gateway, which books it and never notifies. */
  private String payWithoutNotice(PlacedOrder order) throws Exception {
    HttpResponse<String> paid =
        post(
            "/sandbox/pay",
            "application/json",
            """
            {"orderNo":"%s","channel":"generic","deliver":false}
            """
                .formatted(order.orderNo()));
    assertThat(paid.statusCode()).isEqualTo(200);
    JsonNode payment = json.readTree(paid.body());
    assertThat(payment.get("answer").asText()).startsWith("not delivered");
    String transactionId = payment.get("transactionId").asText();
    assertThat(trades.byTransaction(transactionId))
        .hasValueSatisfying(
            trade -> {
              assertThat(trade.amount()).isEqualTo(order.payable());
              assertThat(trade.delivered()).isFalse();
            });
    assertThat(count("SELECT COUNT(*) FROM payment_notices WHERE order_no = ?", order.orderNo()))
        .isZero();
    return transactionId;
  }

  /** The order was created, and its payment started, {@code ago} earlier than recorded. */
  private void backdate(PlacedOrder order, Duration ago) {
    jdbc.sql(
            """
            UPDATE orders
               SET created_at = TIMESTAMPADD(SECOND, ?, created_at),
                   payment_started_at = TIMESTAMPADD(SECOND, ?, payment_started_at),
                   reconcile_at = TIMESTAMPADD(SECOND, ?, reconcile_at)
             WHERE order_no = ?
            """)
        .params(-ago.toSeconds(), -ago.toSeconds(), -ago.toSeconds(), order.orderNo())
        .update();
  }

  private List<Reconciliation> sweepAll() {
    return reconciler.sweep();
  }

  private List<Reconciliation> sweepFor(PlacedOrder order) {
    return sweepAll().stream().filter(done -> done.orderNo().equals(order.orderNo())).toList();
  }

  private String orderStatus(PlacedOrder order) {
    return jdbc.sql("SELECT status FROM orders WHERE order_no = ?")
        .param(order.orderNo())
        .query(String.class)
        .single();
  }
}
