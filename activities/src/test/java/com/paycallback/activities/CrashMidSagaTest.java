package com.paycallback.activities;

import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.db.ShopFixture;
import com.paycallback.db.TestDatabase;
import com.paycallback.inbox.SettlementRecords;
import com.paycallback.settlement.PaymentSettlementWorkflow;
import com.paycallback.settlement.SettlementActivities;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.settlement.SettlementStatus;
import com.paycallback.shop.PlacedOrder;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, the in-process kill -9 of the embedded default: the process dies mid-saga, its in-memory
 * Temporal and worker with it, while a step's attempt is still in flight. The restart starts the
 * settlement again from the inbox, as the dispatcher's first sweep does; it settles once, and the
 * dead process's attempt, finishing late, applies nothing a second time.
 */
class CrashMidSagaTest {

  private final TestDatabase db = TestDatabase.get();
  private final ShopFixture shop = new ShopFixture(db).withBuyer();
  private final SettlementRecords inbox = new SettlementRecords(db.jdbc(), db.transactions());

  @Test
  void settlementInterruptedByACrashSettlesOnceAfterTheRestart() throws Exception {
    String sku = shop.sku("TEA", 10000, 10);
    PlacedOrder order = shop.fullOrder(sku, 2);
    String transactionId = "CRASH-" + shop.suffix;
    CountDownLatch inFlight = new CountDownLatch(1);
    CountDownLatch lateAttempt = new CountDownLatch(1);

    SagaHarness crashed = new SagaHarness(db);
    SettlementActivities real = crashed.realActivities();
    // Stock, points, coupon and balance are applied; increaseSales is in flight when it dies.
    crashed.startWorker(
        new DelegatingActivities(real) {
          @Override
          public void increaseSales(SettlementRequest request) {
            inFlight.countDown();
            awaitQuietly(lateAttempt);
            super.increaseSales(request);
          }
        });
    crashed.start(transactionId, order);
    inbox.markDispatched(transactionId);
    assertThat(inFlight.await(30, TimeUnit.SECONDS)).isTrue();
    crashed.close();

    SagaHarness restarted = new SagaHarness(db);
    try {
      restarted.startWorker(restarted.realActivities());
      // The dispatcher's first sweep on an empty Temporal: every unfinished row starts again.
      inbox.forgetDispatches();
      // Only this test's row: rows other tests left in the shared database are not ours to run.
      int started =
          inbox.dispatchPending(
              500,
              requests ->
                  requests.stream()
                      .filter(request -> request.transactionId().equals(transactionId))
                      .map(request -> start(restarted, request))
                      .toList());
      assertThat(started).isEqualTo(1);

      assertThat(restarted.result(transactionId)).isEqualTo(SettlementStatus.SETTLED);
      lateAttempt.countDown();
      Thread.sleep(500);

      assertThat(shop.orderStatus(order.orderNo())).isEqualTo("SETTLED");
      assertThat(shop.settlementStatus(transactionId)).isEqualTo("SETTLED");
      assertThat(shop.sku(sku)).containsEntry("stock", 8).containsEntry("sales", 2);
      assertThat(shop.couponStatus()).isEqualTo("USED");
      assertThat(shop.wallet())
          .containsEntry("available", 18000L)
          .containsEntry("frozen", 0L)
          .containsEntry("spent", 2000L);
      assertThat(shop.outboxEvents(order.orderNo(), "OrderPaid")).isEqualTo(1);
      assertThat(
              db.jdbc()
                  .sql("SELECT step FROM settlement_steps WHERE transaction_id = ? ORDER BY step")
                  .param(transactionId)
                  .query(String.class)
                  .list())
          .containsExactlyInAnyOrderElementsOf(
              List.of(
                  "markOrderPaid",
                  "deductStock",
                  "settlePoints",
                  "redeemCoupon",
                  "unfreezeBalance",
                  "increaseSales",
                  "publishOrderPaid",
                  "markOrderSettled"));
    } finally {
      lateAttempt.countDown();
      restarted.close();
    }
  }

  private static String start(SagaHarness saga, SettlementRequest request) {
    WorkflowClient.start(
        saga.env
                .getWorkflowClient()
                .newWorkflowStub(
                    PaymentSettlementWorkflow.class,
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(request.transactionId())
                        .setTaskQueue(PaymentSettlementWorkflow.TASK_QUEUE)
                        .build())
            ::settle,
        request);
    return request.transactionId();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
