package com.paycallback.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paycallback.db.ShopFixture;
import com.paycallback.db.TestDatabase;
import com.paycallback.settlement.CompensationStep;
import com.paycallback.settlement.CompensationView;
import com.paycallback.settlement.SettlementFailures;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.settlement.SettlementStatus;
import com.paycallback.settlement.SettlementStep;
import com.paycallback.settlement.SettlementView;
import com.paycallback.settlement.StepState;
import com.paycallback.shop.PlacedOrder;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 5: business failures, late and double payments end REFUNDED with every effect undone. */
class SettlementCompensationTest {

  private final TestDatabase db = TestDatabase.get();
  private final ShopFixture shop = new ShopFixture(db).withBuyer();
  private final SagaHarness saga = new SagaHarness(db);

  @AfterEach
  void stopEnvironment() {
    saga.close();
  }

  @Test
  void outOfStockRefundsInFullAndGivesBackWhatTheOrderHeld() {
    saga.startWorker(saga.realActivities());
    String sku = shop.sku("TEA", 10000, 1);
    PlacedOrder order = shop.fullOrder(sku, 2);
    String transactionId = "T-" + shop.suffix;

    SettlementStatus status = saga.settle(transactionId, order);

    assertThat(status).isEqualTo(SettlementStatus.COMPENSATED);
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("REFUNDED");
    assertThat(shop.sku(sku)).containsEntry("stock", 1).containsEntry("sales", 0);
    assertThat(shop.points()).containsEntry("available", 5000L).containsEntry("frozen", 0L);
    assertThat(shop.wallet())
        .containsEntry("available", 20000L)
        .containsEntry("frozen", 0L)
        .containsEntry("spent", 0L);
    assertThat(shop.couponStatus()).isEqualTo("AVAILABLE");
    assertThat(shop.sandboxRefunds(transactionId)).isEqualTo(1);
    assertThat(refundedAmount(transactionId)).isEqualTo(order.payable());
    assertThat(shop.settlement(transactionId))
        .containsEntry("status", "COMPENSATED")
        .hasEntrySatisfying(
            "reason", reason -> assertThat((String) reason).contains("deductStock", "OutOfStock"));
    // The steps the saga never reached are voided: a late run of one cannot apply any more.
    assertThat(shop.ledger(transactionId, "settlePoints")).isEqualTo("VOIDED");
    assertThat(shop.ledger(transactionId, "returnPoints")).isEqualTo("HOLD_RELEASED");
    assertThat(shop.ledger(transactionId, "restoreStock")).isEqualTo("NOT_APPLIED");

    SettlementView view = saga.workflow(transactionId).view();
    assertThat(view.status()).isEqualTo(SettlementStatus.COMPENSATED);
    assertThat(view.steps())
        .filteredOn(s -> s.step() == SettlementStep.DEDUCT_STOCK)
        .singleElement()
        .satisfies(s -> assertThat(s.state()).isEqualTo(StepState.FAILED));
    assertThat(view.compensations())
        .extracting(CompensationView::step)
        .containsExactly(
            CompensationStep.RETURN_BALANCE,
            CompensationStep.RELEASE_COUPON,
            CompensationStep.RETURN_POINTS,
            CompensationStep.RESTORE_STOCK,
            CompensationStep.MARK_ORDER_REFUNDING,
            CompensationStep.REFUND,
            CompensationStep.MARK_ORDER_REFUNDED);
    assertThat(view.compensations())
        .allSatisfy(c -> assertThat(c.state()).isEqualTo(StepState.DONE));
    assertThat(saga.searchStatus(transactionId)).isEqualTo("COMPENSATED");
    saga.saveHistory("compensated", transactionId);
  }

  @Test
  void failureAfterPointsCouponAndStockAppliedUndoesEachExactlyOnce() {
    SettlementActivitiesImpl real = saga.realActivities();
    saga.startWorker(real);
    String sku = shop.sku("MUG", 5900, 10);
    PlacedOrder order = shop.fullOrder(sku, 1);
    String transactionId = "T-" + shop.suffix;
    // The wallet hold vanished behind the shop's back: unfreezeBalance fails for good after stock,
    // points and coupon were applied.
    db.jdbc()
        .sql("UPDATE wallet_balances SET frozen = 0 WHERE user_id = ?")
        .param(shop.userId)
        .update();

    assertThat(saga.settle(transactionId, order)).isEqualTo(SettlementStatus.COMPENSATED);
    // A reset or re-drive runs every inverse and the refund again: nothing moves twice.
    SettlementRequest again = saga.workflowInput(transactionId, order);
    real.restoreStock(again);
    real.returnPoints(again);
    real.releaseCoupon(again);
    real.returnBalance(again);
    real.refund(again, "again");

    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("REFUNDED");
    assertThat(shop.sku(sku)).containsEntry("stock", 10).containsEntry("sales", 0);
    // Redeemed points back, the earned ones taken back: the buyer is where he started.
    assertThat(shop.points()).containsEntry("available", 5000L).containsEntry("frozen", 0L);
    assertThat(shop.couponStatus()).isEqualTo("AVAILABLE");
    assertThat(shop.wallet()).containsEntry("spent", 0L).containsEntry("frozen", 0L);
    assertThat(shop.sandboxRefunds(transactionId)).isEqualTo(1);
    assertThat(shop.ledger(transactionId, "restoreStock")).isEqualTo("DONE");
    assertThat(shop.ledger(transactionId, "returnPoints")).isEqualTo("DONE");
    assertThat(shop.ledger(transactionId, "releaseCoupon")).isEqualTo("DONE");
    assertThat(shop.ledger(transactionId, "unfreezeBalance")).isEqualTo("VOIDED");
    assertThat(shop.settlement(transactionId))
        .hasEntrySatisfying(
            "reason", r -> assertThat((String) r).contains("unfreezeBalance", "FundsUnavailable"));
    // A re-run of the forward steps (a reset to the start) cannot settle a compensated order.
    assertThatThrownBy(() -> real.unfreezeBalance(again))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(SettlementFailures.COMPENSATED));
  }

  @Test
  void compensationFailingTransientlyTwiceStillUndoesOnce() {
    SettlementActivitiesImpl real = saga.realActivities();
    AtomicInteger restoreCalls = new AtomicInteger();
    saga.startWorker(
        new DelegatingActivities(real) {
          @Override
          public void deductStock(SettlementRequest request) {
            real.deductStock(request);
            throw ApplicationFailure.newNonRetryableFailure(
                "the warehouse recalled the batch", SettlementFailures.OUT_OF_STOCK);
          }

          @Override
          public void restoreStock(SettlementRequest request) {
            real.restoreStock(request);
            if (restoreCalls.incrementAndGet() <= 2) {
              throw new IllegalStateException("connection reset after commit");
            }
          }
        });
    String sku = shop.sku("BOWL", 2500, 4);
    PlacedOrder order = shop.plainOrder(sku, 3);
    String transactionId = "T-" + shop.suffix;

    assertThat(saga.settle(transactionId, order)).isEqualTo(SettlementStatus.COMPENSATED);

    assertThat(restoreCalls).hasValue(3);
    assertThat(shop.sku(sku)).containsEntry("stock", 4);
    assertThat(shop.ledger(transactionId, "restoreStock")).isEqualTo("DONE");
    assertThat(shop.sandboxRefunds(transactionId)).isEqualTo(1);
  }

  @Test
  void latePaymentOnAClosedOrderIsRefundedAndChangesNothingElse() {
    saga.startWorker(saga.realActivities());
    String sku = shop.sku("TEA", 10000, 5);
    PlacedOrder order = shop.fullOrder(sku, 1);
    assertThat(shop.orders().close(order.orderNo())).isTrue();
    // Closing gave back everything the order held.
    assertThat(shop.points()).containsEntry("available", 5000L).containsEntry("frozen", 0L);
    assertThat(shop.wallet()).containsEntry("available", 20000L).containsEntry("frozen", 0L);
    assertThat(shop.couponStatus()).isEqualTo("AVAILABLE");
    Map<String, Object> points = shop.points();
    Map<String, Object> wallet = shop.wallet();
    String transactionId = "T-" + shop.suffix;

    assertThat(saga.settle(transactionId, order)).isEqualTo(SettlementStatus.COMPENSATED);

    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("CLOSED");
    assertThat(shop.sku(sku)).containsEntry("stock", 5).containsEntry("sales", 0);
    assertThat(shop.points()).isEqualTo(points);
    assertThat(shop.wallet()).isEqualTo(wallet);
    assertThat(shop.couponStatus()).isEqualTo("AVAILABLE");
    assertThat(shop.sandboxRefunds(transactionId)).isEqualTo(1);
    assertThat(refundedAmount(transactionId)).isEqualTo(order.payable());
    assertThat(shop.settlement(transactionId))
        .containsEntry("status", "COMPENSATED")
        .containsEntry("reason", "ORDER_CLOSED");
    assertThat(saga.workflow(transactionId).view().compensations())
        .extracting(CompensationView::step)
        .containsExactly(CompensationStep.REFUND);
    saga.saveHistory("late-payment", transactionId);
  }

  @Test
  void secondPaymentOfAPaidOrderIsRefundedAndTheFirstStands() {
    saga.startWorker(saga.realActivities());
    String sku = shop.sku("TEA", 10000, 5);
    PlacedOrder order = shop.fullOrder(sku, 1);
    String first = "T1-" + shop.suffix;
    String second = "T2-" + shop.suffix;
    assertThat(saga.settle(first, order)).isEqualTo(SettlementStatus.SETTLED);
    Map<String, Object> points = shop.points();
    Map<String, Object> wallet = shop.wallet();

    assertThat(saga.settle(second, order)).isEqualTo(SettlementStatus.COMPENSATED);

    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("SETTLED");
    assertThat(shop.orderTransaction(order.orderNo())).isEqualTo(first);
    assertThat(shop.sku(sku)).containsEntry("stock", 4).containsEntry("sales", 1);
    assertThat(shop.points()).isEqualTo(points);
    assertThat(shop.wallet()).isEqualTo(wallet);
    assertThat(shop.couponStatus()).isEqualTo("USED");
    assertThat(shop.sandboxRefunds(first)).isZero();
    assertThat(shop.sandboxRefunds(second)).isEqualTo(1);
    assertThat(shop.settlement(second)).containsEntry("reason", "PAID_BY_ANOTHER_TRANSACTION");
  }

  @Test
  void twentyOrdersRacingForFiveUnitsSettleFiveAndRefundFifteen() {
    saga.startWorker(saga.realActivities());
    String sku = shop.sku("LAST", 9900, 5);
    List<String> transactions = new ArrayList<>();
    List<PlacedOrder> orders = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      orders.add(shop.plainOrder(sku, 1));
      transactions.add("T" + i + "-" + shop.suffix);
    }
    for (int i = 0; i < 20; i++) {
      saga.start(transactions.get(i), orders.get(i));
    }

    List<SettlementStatus> results = transactions.stream().map(saga::result).toList();

    assertThat(results).filteredOn(s -> s == SettlementStatus.SETTLED).hasSize(5);
    assertThat(results).filteredOn(s -> s == SettlementStatus.COMPENSATED).hasSize(15);
    assertThat(shop.sku(sku)).containsEntry("stock", 0).containsEntry("sales", 5);
    for (int i = 0; i < 20; i++) {
      boolean settled = results.get(i) == SettlementStatus.SETTLED;
      assertThat(shop.orderStatus(orders.get(i).orderNo()))
          .isEqualTo(settled ? "SETTLED" : "REFUNDED");
      assertThat(shop.sandboxRefunds(transactions.get(i))).isEqualTo(settled ? 0 : 1);
    }
  }

  private long refundedAmount(String transactionId) {
    return db.jdbc()
        .sql("SELECT amount FROM sandbox_refunds WHERE transaction_id = ?")
        .param(transactionId)
        .query(Long.class)
        .single();
  }
}
