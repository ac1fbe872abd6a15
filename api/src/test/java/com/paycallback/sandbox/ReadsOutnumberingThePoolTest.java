package com.paycallback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.ServiceTest;
import com.paycallback.db.ShopFixture;
import com.paycallback.shop.PlacedOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 9: after a load run, ~16 concurrent readers of the sandbox got 500 "Connection is not
 * available" for a minute: each read held one pooled connection while asking for a second. With
 * eight times more concurrent readers than connections, every read is answered.
 */
@TestPropertySource(
    properties = {
      "spring.datasource.hikari.maximum-pool-size=3",
      "spring.datasource.hikari.minimum-idle=3",
      // Reads only: this context needs no Temporal (and must not bind the shared test port).
      "paycallback.embedded.temporal=false",
      "spring.temporal.connection.target=127.0.0.1:9",
      "spring.temporal.start-workers=false"
    })
class ReadsOutnumberingThePoolTest extends ServiceTest {

  private static final int READERS = 24;

  @Test
  void everyConcurrentReadIsAnsweredWhenReadersOutnumberConnections() throws Exception {
    ShopFixture shop = shop();
    PlacedOrder order = shop.plainOrder(shop.sku("TEA", 5000, 10), 2);
    List<String> paths =
        List.of(
            "/sandbox/catalog",
            "/sandbox/orders/" + order.orderNo(),
            "/admin/settlements?status=RUNNING",
            "/admin/notices?orderNo=" + order.orderNo());

    ExecutorService readers = Executors.newFixedThreadPool(READERS);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < READERS * 5; i++) {
        String path = paths.get(i % paths.size());
        answers.add(readers.submit(() -> get(path, VIEWER).statusCode()));
      }
      for (Future<Integer> answer : answers) {
        assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      readers.shutdownNow();
    }
  }
}
