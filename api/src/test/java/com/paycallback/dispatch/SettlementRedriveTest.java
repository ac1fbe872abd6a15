package com.paycallback.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.ServiceTest;
import com.paycallback.db.ShopFixture;
import com.paycallback.inbox.SettlementRecords;
import com.paycallback.shop.PlacedOrder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The embedded Temporal forgets its workflows on exit: what the database says is unfinished is
 * started again at start-up, and settles once.
 */
class SettlementRedriveTest extends ServiceTest {

  @Autowired SettlementRedrive redrive;
  @Autowired SettlementStarter starter;
  @Autowired SettlementRecords records;

  @Test
  void settlementRecordedBeforeACrashSettlesAfterTheRestart() {
    ShopFixture shop = shop();
    String sku = shop.sku("TEA", 12800, 4);
    PlacedOrder order = shop.fullOrder(sku, 1);
    String transactionId = "CRASH-" + shop.suffix;
    // What the webhook had recorded when the process died, before Temporal ran anything.
    shop.recordSettlement(transactionId, "generic", order);

    redrive.redriveUnfinished();

    awaitSettlementStatus(transactionId, "SETTLED");
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("SETTLED");
    assertThat(shop.sku(sku)).containsEntry("stock", 3).containsEntry("sales", 1);
    assertThat(starter.start(records.find(transactionId).orElseThrow().toRequest()))
        .as("a second start of the same transaction")
        .isFalse();
    assertThat(shop.outboxEvents(order.orderNo(), "OrderPaid")).isEqualTo(1);
  }
}
