package com.paycallback.activities;

import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.db.ShopFixture;
import com.paycallback.db.TestDatabase;
import com.paycallback.settlement.MarkPaidOutcome;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.settlement.SettlementStatus;
import com.paycallback.settlement.SettlementStep;
import com.paycallback.settlement.SettlementView;
import com.paycallback.settlement.StepState;
import com.paycallback.shop.PlacedOrder;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The saga on Temporal's test environment with the real activities on the embedded MariaDB. */
class PaymentSettlementWorkflowTest {

  private final TestDatabase db = TestDatabase.get();
  private final ShopFixture shop = new ShopFixture(db).withBuyer();
  private final SagaHarness saga = new SagaHarness(db);

  @AfterEach
  void stopEnvironment() {
    saga.close();
  }

  @Test
  void paidOrderSettlesWithEveryEffectAppliedOnce() {
    saga.startWorker(saga.realActivities());
    String sku = shop.sku("TEA", 10000, 10);
    PlacedOrder order = shop.fullOrder(sku, 2);
    assertThat(order.payable()).isEqualTo(20000 - 1000 - 300 - 2000);
    String transactionId = "T-" + shop.suffix;

    SettlementStatus status = saga.settle(transactionId, order);

    assertThat(status).isEqualTo(SettlementStatus.SETTLED);
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("SETTLED");
    assertThat(shop.settlementStatus(transactionId)).isEqualTo("SETTLED");
    assertThat(shop.sku(sku)).containsEntry("stock", 8).containsEntry("sales", 2);
    assertThat(shop.points())
        .containsEntry("available", 5000L - 300 + order.payable() / 100)
        .containsEntry("frozen", 0L);
    assertThat(shop.wallet())
        .containsEntry("available", 18000L)
        .containsEntry("frozen", 0L)
        .containsEntry("spent", 2000L);
    assertThat(shop.couponStatus()).isEqualTo("USED");
    assertThat(shop.outboxEvents(order.orderNo(), "OrderPaid")).isEqualTo(1);
    assertThat(shop.sandboxRefunds(transactionId)).isZero();

    SettlementView view = saga.workflow(transactionId).view();
    assertThat(view.status()).isEqualTo(SettlementStatus.SETTLED);
    assertThat(view.steps()).hasSize(SettlementStep.values().length);
    assertThat(view.steps()).allSatisfy(step -> assertThat(step.state()).isEqualTo(StepState.DONE));
    assertThat(view.compensations()).isEmpty();
    assertThat(saga.searchStatus(transactionId)).isEqualTo("SETTLED");
    // Every step stays visible in the history, each recorded once, the eight steps as local
    // activities in one workflow task (no round trip through Temporal per step); the progress
    // record is an activity, so it retries for as long as the database is away.
    for (String step :
        List.of(
            "MarkOrderPaid",
            "DeductStock",
            "SettlePoints",
            "RedeemCoupon",
            "UnfreezeBalance",
            "IncreaseSales",
            "PublishOrderPaid",
            "MarkOrderSettled",
            "RecordProgress")) {
      assertThat(saga.activityCalls(transactionId, step)).as(step).isEqualTo(1);
    }
    assertThat(saga.workflowTasks(transactionId)).isEqualTo(2);
    saga.saveHistory("settled", transactionId);
  }

  @Test
  void stepThatFailsTransientlyAfterCommittingStillAppliesOnce() {
    SettlementActivitiesImpl real = saga.realActivities();
    AtomicInteger stockCalls = new AtomicInteger();
    AtomicInteger salesCalls = new AtomicInteger();
    // Each faulty step commits its effect and then loses the answer (a timeout after commit),
    // twice; the retry must find the ledger row and not apply the effect again.
    saga.startWorker(
        new DelegatingActivities(real) {
          @Override
          public void deductStock(SettlementRequest request) {
            real.deductStock(request);
            if (stockCalls.incrementAndGet() <= 2) {
              throw new IllegalStateException("connection reset after commit");
            }
          }

          @Override
          public void increaseSales(SettlementRequest request) {
            if (salesCalls.incrementAndGet() <= 2) {
              throw new IllegalStateException("database unavailable");
            }
            real.increaseSales(request);
          }
        });
    String sku = shop.sku("MUG", 5900, 3);
    PlacedOrder order = shop.plainOrder(sku, 1);

    SettlementStatus status = saga.settle("T-" + shop.suffix, order);

    assertThat(status).isEqualTo(SettlementStatus.SETTLED);
    assertThat(stockCalls).hasValue(3);
    assertThat(salesCalls).hasValue(3);
    assertThat(shop.sku(sku)).containsEntry("stock", 2).containsEntry("sales", 1);
    assertThat(shop.outboxEvents(order.orderNo(), "OrderPaid")).isEqualTo(1);
  }

  @Test
  void rerunOfACompletedSettlementChangesNothing() {
    SettlementActivitiesImpl real = saga.realActivities();
    saga.startWorker(real);
    String sku = shop.sku("KETTLE", 39900, 5);
    PlacedOrder order = shop.fullOrder(sku, 1);
    String transactionId = "T-" + shop.suffix;
    saga.settle(transactionId, order);

    // What a reset or a start-up re-drive does: every step runs again for the same transaction.
    SettlementRequest again =
        new SettlementRequest(
            "alipay", transactionId, order.orderNo(), order.payable(), "CNY", Instant.now(), null);
    assertThat(real.markOrderPaid(again)).isEqualTo(MarkPaidOutcome.PAID_NOW);
    real.deductStock(again);
    real.settlePoints(again);
    real.redeemCoupon(again);
    real.unfreezeBalance(again);
    real.increaseSales(again);
    real.publishOrderPaid(again);
    real.markOrderSettled(again);

    assertThat(shop.sku(sku)).containsEntry("stock", 4).containsEntry("sales", 1);
    assertThat(shop.wallet()).containsEntry("spent", 2000L);
    assertThat(shop.outboxEvents(order.orderNo(), "OrderPaid")).isEqualTo(1);
  }
}
