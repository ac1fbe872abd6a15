package com.paycallback.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.paycallback.db.ShopFixture;
import com.paycallback.db.TestDatabase;
import com.paycallback.refund.RefundRequest;
import com.paycallback.settlement.CompensationStep;
import com.paycallback.settlement.CompensationView;
import com.paycallback.settlement.OperatorAction;
import com.paycallback.settlement.OperatorDecision;
import com.paycallback.settlement.RefundOutcome;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.settlement.SettlementStatus;
import com.paycallback.settlement.SettlementView;
import com.paycallback.settlement.StepState;
import com.paycallback.shop.PlacedOrder;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: an order is REFUNDED only once the gateway confirms its refund (notice or query); a
 * refund the gateway did not complete parks for an operator; a genuine payment of the wrong amount
 * or currency is refunded and changes nothing.
 */
class RefundOutcomeTest {

  private final TestDatabase db = TestDatabase.get();
  private final ShopFixture shop = new ShopFixture(db).withBuyer();
  private final SagaHarness saga = new SagaHarness(db);

  @AfterEach
  void stopEnvironment() {
    saga.close();
  }

  @Test
  void processingRefundStaysRefundingUntilTheNoticeSaysSuccessAndFiveNoticesApplyOnce() {
    saga.startWorker(saga.realActivities());
    PlacedOrder order = shop.fullOrder(shop.sku("TEA", 10000, 1), 2);
    String transactionId = "T-" + shop.suffix;
    gatewayWillAnswer(transactionId, order, RefundOutcome.PROCESSING);

    saga.start(transactionId, order);

    SettlementView waiting = awaitRefundProcessing(transactionId);
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("REFUNDING");
    assertThat(refund(transactionId)).containsEntry("status", "PROCESSING");
    assertThat(waiting.compensations())
        .extracting(CompensationView::step)
        .doesNotContain(CompensationStep.MARK_ORDER_REFUNDED);

    RefundOutcome success =
        new RefundOutcome(RefundRequest.keyOf(transactionId), RefundOutcome.SUCCESS, "50300000001");
    for (int i = 0; i < 5; i++) {
      saga.workflow(transactionId).refundNotified(success);
    }

    assertThat(saga.result(transactionId)).isEqualTo(SettlementStatus.COMPENSATED);
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("REFUNDED");
    assertThat(refund(transactionId))
        .containsEntry("status", "SUCCESS")
        .containsEntry("confirmed_by", "NOTICE");
    assertThat(shop.ledger(transactionId, "markOrderRefunded")).isEqualTo("DONE");
    assertThat(shop.sandboxRefunds(transactionId)).isEqualTo(1);
    assertThat(saga.activityCalls(transactionId, "RecordRefundOutcome")).isEqualTo(1);
    saga.saveHistory("refund-processing-then-notice", transactionId);
  }

  @Test
  void processingRefundIsConfirmedByTheQueryWhenNoNoticeComes() {
    saga.startWorker(saga.realActivities());
    PlacedOrder order = shop.plainOrder(shop.sku("BOWL", 2500, 1), 2);
    String transactionId = "T-" + shop.suffix;
    gatewayWillAnswer(transactionId, order, RefundOutcome.PROCESSING);

    saga.start(transactionId, order);
    awaitRefundProcessing(transactionId);
    // The first query finds it still processing: the order stays REFUNDING.
    saga.env.sleep(Duration.ofMinutes(2));
    assertThat(saga.activityCalls(transactionId, "QueryRefund")).isEqualTo(1);
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("REFUNDING");
    assertThat(saga.workflow(transactionId).view().status())
        .isEqualTo(SettlementStatus.COMPENSATING);

    gatewayCompletes(transactionId, RefundOutcome.SUCCESS);

    assertThat(saga.result(transactionId)).isEqualTo(SettlementStatus.COMPENSATED);
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("REFUNDED");
    assertThat(refund(transactionId))
        .containsEntry("status", "SUCCESS")
        .containsEntry("confirmed_by", "QUERY");
    saga.saveHistory("refund-processing-then-query", transactionId);
  }

  @Test
  void abnormalRefundParksAndTheOperatorRecordsItAsMadeByHand() {
    saga.startWorker(saga.realActivities());
    PlacedOrder order = shop.plainOrder(shop.sku("MUG", 5900, 1), 2);
    String transactionId = "T-" + shop.suffix;
    gatewayWillAnswer(transactionId, order, RefundOutcome.ABNORMAL);

    saga.start(transactionId, order);

    SettlementView parked = saga.awaitStatus(transactionId, SettlementStatus.NEEDS_ATTENTION);
    assertThat(parked.parkedStep()).isEqualTo("refund");
    assertThat(saga.searchStatus(transactionId)).isEqualTo("NEEDS_ATTENTION");
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("REFUNDING");
    assertThat(shop.settlement(transactionId))
        .containsEntry("status", "NEEDS_ATTENTION")
        .containsEntry("current_step", "refund");
    assertThatThrownBy(
            () ->
                saga.workflow(transactionId)
                    .decide(new OperatorDecision(OperatorAction.COMPENSATE, "alice")))
        .isInstanceOf(WorkflowUpdateException.class);

    saga.workflow(transactionId)
        .decide(new OperatorDecision(OperatorAction.REFUNDED_BY_HAND, "alice"));

    assertThat(saga.result(transactionId)).isEqualTo(SettlementStatus.COMPENSATED);
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("REFUNDED");
    assertThat(refund(transactionId))
        .containsEntry("status", "BY_HAND")
        .containsEntry("confirmed_by", "operator alice");
    saga.saveHistory("refund-abnormal-then-by-hand", transactionId);
  }

  @Test
  void operatorByHandIsRefusedWhereNoRefundFailed() {
    saga.startWorker(saga.realActivities());
    PlacedOrder order = shop.plainOrder(shop.sku("CUP", 900, 5), 1);
    String transactionId = "T-" + shop.suffix;
    gatewayWillAnswer(transactionId, order, RefundOutcome.PROCESSING);
    db.jdbc()
        .sql("UPDATE orders SET status = 'CLOSED' WHERE order_no = ?")
        .param(order.orderNo())
        .update();

    saga.start(transactionId, order);
    awaitRefundProcessing(transactionId);

    assertThatThrownBy(
            () ->
                saga.workflow(transactionId)
                    .decide(new OperatorDecision(OperatorAction.REFUNDED_BY_HAND, "alice")))
        .isInstanceOf(WorkflowUpdateException.class);
    // A late payment's refund: the closed order is not touched when the refund completes.
    saga.workflow(transactionId)
        .refundNotified(
            new RefundOutcome(RefundRequest.keyOf(transactionId), RefundOutcome.SUCCESS, null));
    assertThat(saga.result(transactionId)).isEqualTo(SettlementStatus.COMPENSATED);
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("CLOSED");
  }

  @Test
  void wrongAmountPaymentIsRefundedAndChangesNothing() {
    saga.startWorker(saga.realActivities());
    String sku = shop.sku("TEA", 10000, 5);
    PlacedOrder order = shop.fullOrder(sku, 1);
    Map<String, Object> points = shop.points();
    Map<String, Object> wallet = shop.wallet();
    String transactionId = "T-" + shop.suffix;

    saga.start(payment(transactionId, order, order.payable() - 1, "CNY"));

    assertThat(saga.result(transactionId)).isEqualTo(SettlementStatus.COMPENSATED);
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("PENDING_PAYMENT");
    assertThat(shop.sku(sku)).containsEntry("stock", 5).containsEntry("sales", 0);
    assertThat(shop.points()).isEqualTo(points);
    assertThat(shop.wallet()).isEqualTo(wallet);
    assertThat(shop.couponStatus()).isEqualTo("LOCKED");
    assertThat(shop.settlement(transactionId))
        .containsEntry("status", "COMPENSATED")
        .containsEntry("reason", "AMOUNT_MISMATCH");
    assertThat(refund(transactionId))
        .containsEntry("amount", order.payable() - 1)
        .containsEntry("status", "SUCCESS");
    assertThat(saga.workflow(transactionId).view().compensations())
        .extracting(CompensationView::step, CompensationView::state)
        .containsExactly(tuple(CompensationStep.REFUND, StepState.DONE));
    saga.saveHistory("wrong-amount", transactionId);
  }

  @Test
  void wrongCurrencyPaymentIsRefundedAndTheOrderStaysPayable() {
    saga.startWorker(saga.realActivities());
    PlacedOrder order = shop.plainOrder(shop.sku("TEA", 10000, 5), 1);
    String transactionId = "T-" + shop.suffix;

    saga.start(payment(transactionId, order, order.payable(), "USD"));

    assertThat(saga.result(transactionId)).isEqualTo(SettlementStatus.COMPENSATED);
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("PENDING_PAYMENT");
    assertThat(shop.settlement(transactionId)).containsEntry("reason", "CURRENCY_MISMATCH");
    assertThat(shop.sandboxRefunds(transactionId)).isEqualTo(1);
  }

  private SettlementView awaitRefundProcessing(String transactionId) {
    Instant deadline = Instant.now().plusSeconds(30);
    SettlementView view = saga.workflow(transactionId).view();
    while (!refundRunning(view) && Instant.now().isBefore(deadline)) {
      sleep();
      view = saga.workflow(transactionId).view();
    }
    assertThat(view.status()).isEqualTo(SettlementStatus.COMPENSATING);
    assertThat(refundRunning(view)).as("refund processing at the gateway").isTrue();
    return view;
  }

  private static boolean refundRunning(SettlementView view) {
    return view.compensations().stream()
        .anyMatch(
            c ->
                c.step() == CompensationStep.REFUND
                    && c.state() == StepState.RUNNING
                    && c.lastError() != null);
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static SettlementRequest payment(
      String transactionId, PlacedOrder order, long amount, String currency) {
    return new SettlementRequest(
        "wechatpay",
        transactionId,
        order.orderNo(),
        amount,
        currency,
        Instant.parse("2026-11-25T08:00:00Z"),
        "payer-digest");
  }

  /** Books the refund at the simulated gateway beforehand with the status it will answer. */
  private void gatewayWillAnswer(String transactionId, PlacedOrder order, String status) {
    db.jdbc()
        .sql(
            """
            INSERT INTO sandbox_refunds (refund_key, channel, transaction_id, order_no, amount,
                                         currency, status)
            VALUES (?, 'alipay', ?, ?, ?, 'CNY', ?)
            """)
        .params(
            RefundRequest.keyOf(transactionId),
            transactionId,
            order.orderNo(),
            order.payable(),
            status)
        .update();
  }

  private void gatewayCompletes(String transactionId, String status) {
    db.jdbc()
        .sql("UPDATE sandbox_refunds SET status = ? WHERE refund_key = ?")
        .params(status, RefundRequest.keyOf(transactionId))
        .update();
  }

  private Map<String, Object> refund(String transactionId) {
    return db.jdbc()
        .sql("SELECT amount, status, confirmed_by FROM refunds WHERE transaction_id = ?")
        .param(transactionId)
        .query()
        .singleRow();
  }

  /** How often the settlement ran an activity, from its history. */
}
