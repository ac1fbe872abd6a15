package com.paycallback.activities;

import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.db.ShopFixture;
import com.paycallback.db.TestDatabase;
import com.paycallback.inbox.SettlementRecords;
import com.paycallback.ledger.StepLedger;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.shop.PlacedOrder;
import com.paycallback.shop.ShopOrders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: an inverse must see what an older attempt of its forward step committed while the
 * inverse waited for that attempt's ledger lock. Under REPEATABLE READ the inverse's first read
 * fixed its snapshot before the wait, so it believed the step never applied: stock was not given
 * back (and a wallet inverse would have released funds already spent).
 */
class CompensationSnapshotRaceTest {

  private final TestDatabase db = TestDatabase.get();
  private final ShopFixture shop = new ShopFixture(db).withBuyer();

  private final SettlementActivitiesImpl activities =
      new SettlementActivitiesImpl(
          db.jdbc(),
          new StepLedger(db.jdbc(), db.transactions()),
          new ShopOrders(db.jdbc(), db.transactions()),
          new SettlementRecords(db.jdbc(), db.transactions()),
          List.of());

  /** Two threads of their own: the common pool may have only one on a small machine. */
  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void inverseWaitingOnAnInFlightForwardStepUndoesWhatItCommitted() throws Exception {
    String sku = shop.sku("TEA", 5000, 10);
    PlacedOrder order = shop.plainOrder(sku, 1);
    SettlementRequest request =
        new SettlementRequest(
            "alipay",
            "RACE-" + shop.suffix,
            order.orderNo(),
            order.payable(),
            "CNY",
            Instant.now(),
            "payer-digest");
    activities.markOrderPaid(request);

    // An older attempt of deductStock, timed out in Temporal's eyes but still in its transaction.
    CountDownLatch applied = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    CompletableFuture<Void> oldAttempt =
        CompletableFuture.runAsync(
            () ->
                db.transactions()
                    .executeWithoutResult(
                        tx -> {
                          db.jdbc()
                              .sql(
                                  "INSERT INTO settlement_steps (transaction_id, step, result)"
                                      + " VALUES (?, 'deductStock', 'DONE')")
                              .param(request.transactionId())
                              .update();
                          db.jdbc()
                              .sql("UPDATE skus SET stock = stock - 1 WHERE sku_id = ?")
                              .param(sku)
                              .update();
                          applied.countDown();
                          await(commit);
                        }),
            threads);
    await(applied);

    CompletableFuture<Void> compensation =
        CompletableFuture.runAsync(() -> activities.restoreStock(request), threads);
    awaitLockWait();
    commit.countDown();
    oldAttempt.get(30, TimeUnit.SECONDS);
    compensation.get(30, TimeUnit.SECONDS);

    assertThat(shop.sku(sku)).containsEntry("stock", 10);
    assertThat(shop.ledger(request.transactionId(), "restoreStock")).isEqualTo("DONE");
  }

  /** Until the compensation blocks on the old attempt's ledger row (its statement stays listed). */
  private void awaitLockWait() throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      int waiting =
          db.jdbc()
              .sql(
                  """
                  SELECT COUNT(*) FROM information_schema.PROCESSLIST
                   WHERE info LIKE 'INSERT IGNORE INTO settlement_steps%deductStock%'
                  """)
              .query(Integer.class)
              .single();
      if (waiting > 0) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the compensation never waited for the in-flight forward step");
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
