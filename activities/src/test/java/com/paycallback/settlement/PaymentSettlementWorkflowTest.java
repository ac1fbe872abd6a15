package com.paycallback.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.db.ShopFixture;
import com.paycallback.db.TestDatabase;
import com.paycallback.shop.PlacedOrder;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The saga on Temporal's test environment with the real activities on the embedded MariaDB. */
class PaymentSettlementWorkflowTest {

  private final TestDatabase db = TestDatabase.get();
  private final ShopFixture shop = new ShopFixture(db).withBuyer();
  private TestWorkflowEnvironment env;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    env.registerSearchAttribute("OrderNo", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute("PaymentChannel", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute("SettlementStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute("PaidAmount", IndexedValueType.INDEXED_VALUE_TYPE_INT);
  }

  @AfterEach
  void stopEnvironment() {
    env.close();
  }

  private void startWorker(SettlementActivities activities) {
    Worker worker = env.newWorker(PaymentSettlementWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        WorkflowImplementationOptions.newBuilder()
            .setDefaultActivityOptions(
                SettlementActivityOptions.of(5, Duration.ofMillis(10), Duration.ofMillis(100)))
            .build(),
        PaymentSettlementWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
  }

  private SettlementActivitiesImpl realActivities() {
    return new SettlementActivitiesImpl(db.jdbc(), new StepLedger(db.jdbc(), db.transactions()));
  }

  private SettlementStatus settle(String transactionId, PlacedOrder order) {
    shop.recordSettlement(transactionId, "alipay", order);
    WorkflowClient client = env.getWorkflowClient();
    PaymentSettlementWorkflow workflow =
        client.newWorkflowStub(
            PaymentSettlementWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(transactionId)
                .setTaskQueue(PaymentSettlementWorkflow.TASK_QUEUE)
                .build());
    return workflow.settle(
        new SettlementRequest(
            "alipay",
            transactionId,
            order.orderNo(),
            order.payable(),
            "CNY",
            Instant.parse("2026-11-25T08:00:00Z"),
            "payer-digest"));
  }

  @Test
  void paidOrderSettlesWithEveryEffectAppliedOnce() {
    startWorker(realActivities());
    String sku = shop.sku("TEA", 10000, 10);
    PlacedOrder order = shop.fullOrder(sku, 2);
    assertThat(order.payable()).isEqualTo(20000 - 1000 - 300 - 2000);

    SettlementStatus status = settle("T-" + shop.suffix, order);

    assertThat(status).isEqualTo(SettlementStatus.SETTLED);
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("SETTLED");
    assertThat(shop.settlementStatus("T-" + shop.suffix)).isEqualTo("SETTLED");
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

    SettlementView view =
        env.getWorkflowClient()
            .newWorkflowStub(PaymentSettlementWorkflow.class, "T-" + shop.suffix)
            .view();
    assertThat(view.status()).isEqualTo(SettlementStatus.SETTLED);
    assertThat(view.steps()).hasSize(SettlementStep.values().length);
    assertThat(view.steps()).allSatisfy(step -> assertThat(step.state()).isEqualTo(StepState.DONE));
  }

  @Test
  void stepThatFailsTransientlyAfterCommittingStillAppliesOnce() {
    SettlementActivitiesImpl real = realActivities();
    AtomicInteger stockCalls = new AtomicInteger();
    AtomicInteger salesCalls = new AtomicInteger();
    // Each faulty step commits its effect and then loses the answer (a timeout after commit),
    // twice; the retry must find the ledger row and not apply the effect again.
    startWorker(
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

    SettlementStatus status = settle("T-" + shop.suffix, order);

    assertThat(status).isEqualTo(SettlementStatus.SETTLED);
    assertThat(stockCalls).hasValue(3);
    assertThat(salesCalls).hasValue(3);
    assertThat(shop.sku(sku)).containsEntry("stock", 2).containsEntry("sales", 1);
    assertThat(shop.outboxEvents(order.orderNo(), "OrderPaid")).isEqualTo(1);
  }

  @Test
  void rerunOfACompletedSettlementChangesNothing() {
    SettlementActivitiesImpl real = realActivities();
    startWorker(real);
    String sku = shop.sku("KETTLE", 39900, 5);
    PlacedOrder order = shop.fullOrder(sku, 1);
    String transactionId = "T-" + shop.suffix;
    settle(transactionId, order);

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
