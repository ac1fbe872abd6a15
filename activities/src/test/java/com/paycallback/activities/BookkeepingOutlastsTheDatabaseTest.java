package com.paycallback.activities;

import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.db.ShopFixture;
import com.paycallback.db.TestDatabase;
import com.paycallback.inbox.SettlementRecords;
import com.paycallback.ledger.StepLedger;
import com.paycallback.settlement.SettlementProgress;
import com.paycallback.settlement.SettlementStatus;
import com.paycallback.shop.PlacedOrder;
import com.paycallback.shop.ShopOrders;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The saga's bookkeeping (a local activity since {@code local-steps}) retries until the database
 * answers, however many attempts that takes: a settlement parks or waits, it never fails. Local
 * activities without an overall deadline gave up after a few minutes of a frozen database, and
 * their workflow FAILED (the fault harness's long freeze found it).
 */
class BookkeepingOutlastsTheDatabaseTest {

  private final TestDatabase db = TestDatabase.get();
  private final ShopFixture shop = new ShopFixture(db).withBuyer();
  private final SagaHarness saga = new SagaHarness(db);

  @AfterEach
  void stopEnvironment() {
    saga.close();
  }

  @Test
  void progressRecordingRetriesPastMinutesOfFailuresAndTheSettlementSettles() {
    AtomicInteger failuresLeft = new AtomicInteger(12);
    saga.startWorker(
        new SettlementActivitiesImpl(
            db.jdbc(),
            new StepLedger(db.jdbc(), db.transactions()),
            new ShopOrders(db.jdbc(), db.transactions()),
            new SettlementRecords(db.jdbc(), db.transactions()),
            List.of()) {
          @Override
          public void recordProgress(SettlementProgress progress) {
            if (failuresLeft.getAndDecrement() > 0) {
              throw new IllegalStateException("the database does not answer");
            }
            super.recordProgress(progress);
          }
        });
    PlacedOrder order = shop.plainOrder(shop.sku("TEA", 1000, 5), 1);
    String transactionId = "T-" + shop.suffix;

    // Twelve failures at 1 s doubling up to 1 min are ~8 minutes of (skipped) backoff.
    assertThat(saga.settle(transactionId, order)).isEqualTo(SettlementStatus.SETTLED);
    assertThat(failuresLeft.get()).isNegative();
    assertThat(shop.settlementStatus(transactionId)).isEqualTo("SETTLED");
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("SETTLED");
  }
}
