package com.paycallback.activities;

import com.paycallback.activities.OrderRows.Item;
import com.paycallback.ledger.StepResult;
import com.paycallback.settlement.CompensationStep;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.settlement.SettlementStep;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code skus.sales}: the per-SKU sales counter, up when the order settles, down if compensated.
 */
class SalesSteps {

  private final JdbcClient jdbc;
  private final LedgeredSteps steps;
  private final OrderRows orders;

  SalesSteps(JdbcClient jdbc, LedgeredSteps steps, OrderRows orders) {
    this.jdbc = jdbc;
    this.steps = steps;
    this.orders = orders;
  }

  void increaseSales(SettlementRequest request) {
    steps.forward(
        request,
        SettlementStep.INCREASE_SALES,
        () -> {
          for (Item item : orders.items(request.orderNo())) {
            jdbc.sql("UPDATE skus SET sales = sales + ? WHERE sku_id = ?")
                .params(item.quantity(), item.skuId())
                .update();
          }
          return StepResult.DONE;
        });
  }

  void decreaseSales(SettlementRequest request) {
    steps.inverse(
        request,
        CompensationStep.DECREASE_SALES,
        order -> {
          for (Item item : orders.items(request.orderNo())) {
            jdbc.sql("UPDATE skus SET sales = sales - ? WHERE sku_id = ? AND sales >= ?")
                .params(item.quantity(), item.skuId(), item.quantity())
                .update();
          }
          return StepResult.DONE;
        },
        null);
  }
}
