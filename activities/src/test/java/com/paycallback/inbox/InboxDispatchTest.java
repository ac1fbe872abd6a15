package com.paycallback.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.db.ShopFixture;
import com.paycallback.db.TestDatabase;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.shop.PlacedOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: several service instances sweep one inbox. Each row is claimed by one of them ({@code
 * FOR UPDATE SKIP LOCKED}), started once, and none is skipped.
 */
class InboxDispatchTest {

  private final TestDatabase db = TestDatabase.get();
  private final ShopFixture shop = new ShopFixture(db).withBuyer();
  private final SettlementRecords inbox = new SettlementRecords(db.jdbc(), db.transactions());
  private final ExecutorService instances = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    instances.shutdownNow();
  }

  @Test
  void twoDispatchersSweepingOneInboxStartEachRowOnceAndSkipNone() throws Exception {
    // Rows of earlier tests in this database are started elsewhere or not at all: dispatch them
    // first so only this test's rows are left.
    while (inbox.dispatchPending(500, InboxDispatchTest::ids) > 0) {}
    String sku = shop.sku("TEA", 1000, 100);
    Set<String> ours = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 60; i++) {
      PlacedOrder order = shop.plainOrder(sku, 1);
      String transactionId = "DISPATCH-" + shop.suffix + "-" + i;
      shop.recordSettlement(transactionId, "generic", order);
      ours.add(transactionId);
    }

    Map<String, AtomicInteger> starts = new ConcurrentHashMap<>();
    CyclicBarrier together = new CyclicBarrier(2);
    List<Future<Integer>> sweeps = new ArrayList<>();
    for (int instance = 0; instance < 2; instance++) {
      sweeps.add(
          instances.submit(
              () -> {
                together.await(10, TimeUnit.SECONDS);
                int started = 0;
                int batch;
                do {
                  batch = inbox.dispatchPending(10, requests -> start(requests, starts));
                  started += batch;
                } while (batch > 0);
                return started;
              }));
    }
    int total = sweeps.get(0).get(60, TimeUnit.SECONDS) + sweeps.get(1).get(60, TimeUnit.SECONDS);

    assertThat(total).isEqualTo(60);
    assertThat(starts.keySet()).containsExactlyInAnyOrderElementsOf(ours);
    assertThat(starts.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    assertThat(
            db.jdbc()
                .sql(
                    "SELECT COUNT(*) FROM settlements"
                        + " WHERE transaction_id LIKE ? AND dispatched_at IS NULL")
                .param("DISPATCH-" + shop.suffix + "-%")
                .query(Integer.class)
                .single())
        .isZero();
  }

  /**
   * A sweep holds its claim while Temporal answers the starts (up to seconds when it is slow); a
   * notice handed off meanwhile must not wait for it. Under REPEATABLE READ the claim's next-key
   * locks covered the gap where every new row lands, and hand-offs failed on lock waits (503).
   */
  @Test
  void handOffIsNotBlockedByASweepHoldingItsClaim() throws Exception {
    while (inbox.dispatchPending(500, InboxDispatchTest::ids) > 0) {}
    String sku = shop.sku("TEA", 1000, 100);
    shop.recordSettlement("CLAIMED-" + shop.suffix, "generic", shop.plainOrder(sku, 1));
    CountDownLatch claimed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<Integer> sweep =
        instances.submit(
            () ->
                inbox.dispatchPending(
                    10,
                    requests -> {
                      claimed.countDown();
                      await(release);
                      return ids(requests);
                    }));
    assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();

    PlacedOrder order = shop.plainOrder(sku, 1);
    SettlementRequest request =
        new SettlementRequest(
            "generic",
            "HANDED-OFF-" + shop.suffix,
            order.orderNo(),
            order.payable(),
            "CNY",
            Instant.now(),
            null);
    Future<Boolean> handOff = instances.submit(() -> inbox.insertIfAbsent(request));
    try {
      assertThat(handOff.get(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      release.countDown();
    }
    assertThat(sweep.get(10, TimeUnit.SECONDS)).isEqualTo(1);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Workflow starts take milliseconds: long enough for the other instance to contend. */
  private static List<String> start(
      List<SettlementRequest> requests, Map<String, AtomicInteger> starts) {
    for (SettlementRequest request : requests) {
      starts.computeIfAbsent(request.transactionId(), id -> new AtomicInteger()).incrementAndGet();
    }
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ids(requests);
  }

  private static List<String> ids(List<SettlementRequest> requests) {
    return requests.stream().map(SettlementRequest::transactionId).toList();
  }
}
