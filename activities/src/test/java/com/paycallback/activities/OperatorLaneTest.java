package com.paycallback.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paycallback.db.ShopFixture;
import com.paycallback.db.TestDatabase;
import com.paycallback.settlement.DecisionReceipt;
import com.paycallback.settlement.OperatorAction;
import com.paycallback.settlement.OperatorDecision;
import com.paycallback.settlement.PaymentSettlementWorkflow;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.settlement.SettlementStatus;
import com.paycallback.settlement.SettlementStep;
import com.paycallback.settlement.SettlementView;
import com.paycallback.settlement.StepState;
import com.paycallback.shop.PlacedOrder;
import io.temporal.client.WorkflowUpdateException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 5: a step whose retries ran out parks the settlement until an operator decides. */
class OperatorLaneTest {

  private final TestDatabase db = TestDatabase.get();
  private final ShopFixture shop = new ShopFixture(db).withBuyer();
  private final SagaHarness saga = new SagaHarness(db);
  private final AtomicBoolean salesDown = new AtomicBoolean(true);
  private final AtomicInteger salesCalls = new AtomicInteger();
  private final AtomicBoolean stockDown = new AtomicBoolean(false);

  @AfterEach
  void stopEnvironment() {
    saga.close();
  }

  private void startWorkerWithFaults() {
    SettlementActivitiesImpl real = saga.realActivities();
    saga.startWorker(
        new DelegatingActivities(real) {
          @Override
          public void increaseSales(SettlementRequest request) {
            salesCalls.incrementAndGet();
            if (salesDown.get()) {
              throw new IllegalStateException("sales counter service down");
            }
            real.increaseSales(request);
          }

          @Override
          public void deductStock(SettlementRequest request) {
            if (stockDown.get()) {
              throw new IllegalStateException("stock database down");
            }
            real.deductStock(request);
          }
        });
  }

  @Test
  void stepFailingUntilClearedParksAndOperatorRetrySettlesWithTheStepAppliedOnce() {
    startWorkerWithFaults();
    String sku = shop.sku("TEA", 10000, 10);
    PlacedOrder order = shop.fullOrder(sku, 2);
    String transactionId = "T-" + shop.suffix;
    saga.start(transactionId, order);

    SettlementView parked = saga.awaitStatus(transactionId, SettlementStatus.NEEDS_ATTENTION);

    assertThat(parked.parkedStep()).isEqualTo("increaseSales");
    assertThat(parked.steps())
        .filteredOn(s -> s.step() == SettlementStep.INCREASE_SALES)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.state()).isEqualTo(StepState.FAILED);
              assertThat(s.attempts()).isEqualTo(5);
              assertThat(s.lastError()).contains("sales counter service down");
            });
    assertThat(shop.settlement(transactionId))
        .containsEntry("status", "NEEDS_ATTENTION")
        .containsEntry("current_step", "increaseSales")
        .containsEntry("attempts", 5)
        .hasEntrySatisfying(
            "last_error", e -> assertThat((String) e).contains("sales counter service down"));
    assertThat(saga.searchStatus(transactionId)).isEqualTo("NEEDS_ATTENTION");
    assertThat(salesCalls).hasValue(5);

    salesDown.set(false);
    DecisionReceipt receipt =
        saga.workflow(transactionId).decide(new OperatorDecision(OperatorAction.RETRY, "ops"));

    assertThat(receipt).isEqualTo(new DecisionReceipt(OperatorAction.RETRY, "increaseSales"));
    assertThat(saga.result(transactionId)).isEqualTo(SettlementStatus.SETTLED);
    assertThat(shop.sku(sku)).containsEntry("stock", 8).containsEntry("sales", 2);
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("SETTLED");
    assertThat(shop.settlement(transactionId))
        .containsEntry("status", "SETTLED")
        .containsEntry("last_error", null);
    saga.saveHistory("parked-then-retried", transactionId);
  }

  @Test
  void skipCarriesOnWithoutTheSkippedStepAndALaterRunCannotApplyIt() {
    startWorkerWithFaults();
    String sku = shop.sku("TEA", 10000, 10);
    PlacedOrder order = shop.plainOrder(sku, 1);
    String transactionId = "T-" + shop.suffix;
    saga.start(transactionId, order);
    saga.awaitStatus(transactionId, SettlementStatus.NEEDS_ATTENTION);

    saga.workflow(transactionId).decide(new OperatorDecision(OperatorAction.SKIP, "ops"));

    assertThat(saga.result(transactionId)).isEqualTo(SettlementStatus.SETTLED);
    assertThat(shop.sku(sku)).containsEntry("stock", 9).containsEntry("sales", 0);
    assertThat(shop.ledger(transactionId, "increaseSales")).isEqualTo("SKIPPED");
    saga.realActivities().increaseSales(saga.workflowInput(transactionId, order));
    assertThat(shop.sku(sku)).containsEntry("sales", 0);
    assertThat(saga.workflow(transactionId).view().steps())
        .filteredOn(s -> s.step() == SettlementStep.INCREASE_SALES)
        .singleElement()
        .satisfies(s -> assertThat(s.state()).isEqualTo(StepState.SKIPPED));
    saga.saveHistory("parked-then-skipped", transactionId);
  }

  @Test
  void stockStepCannotBeSkippedButCanBeCompensated() {
    stockDown.set(true);
    startWorkerWithFaults();
    String sku = shop.sku("TEA", 10000, 10);
    PlacedOrder order = shop.fullOrder(sku, 1);
    String transactionId = "T-" + shop.suffix;
    saga.start(transactionId, order);
    saga.awaitStatus(transactionId, SettlementStatus.NEEDS_ATTENTION);
    PaymentSettlementWorkflow workflow = saga.workflow(transactionId);

    assertThatThrownBy(() -> workflow.decide(new OperatorDecision(OperatorAction.SKIP, "ops")))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("deductStock cannot be skipped");
    workflow.decide(new OperatorDecision(OperatorAction.COMPENSATE, "ops"));

    assertThat(saga.result(transactionId)).isEqualTo(SettlementStatus.COMPENSATED);
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("REFUNDED");
    assertThat(shop.sku(sku)).containsEntry("stock", 10);
    assertThat(shop.points()).containsEntry("available", 5000L).containsEntry("frozen", 0L);
    assertThat(shop.couponStatus()).isEqualTo("AVAILABLE");
    assertThat(shop.wallet()).containsEntry("available", 20000L).containsEntry("frozen", 0L);
    assertThat(shop.sandboxRefunds(transactionId)).isEqualTo(1);
    assertThat(shop.settlement(transactionId))
        .hasEntrySatisfying(
            "reason", r -> assertThat((String) r).contains("operator ops", "deductStock"));
    // Once settled or compensated, nothing is waiting: a late decision is refused.
    assertThatThrownBy(() -> workflow.decide(new OperatorDecision(OperatorAction.RETRY, "ops")))
        .isInstanceOf(io.temporal.client.WorkflowException.class);
    saga.saveHistory("parked-then-compensated", transactionId);
  }
}
