package com.paycallback.activities;

import com.paycallback.activities.OrderRows.Item;
import com.paycallback.ledger.StepResult;
import com.paycallback.settlement.CompensationStep;
import com.paycallback.settlement.SettlementFailures;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.settlement.SettlementStep;
import io.temporal.failure.ApplicationFailure;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code skus.stock}: deducted when the payment settles, given back when it is compensated. */
class StockSteps {

  private final JdbcClient jdbc;
  private final LedgeredSteps steps;
  private final OrderRows orders;

  StockSteps(JdbcClient jdbc, LedgeredSteps steps, OrderRows orders) {
    this.jdbc = jdbc;
    this.steps = steps;
    this.orders = orders;
  }

  void deductStock(SettlementRequest request) {
    steps.forward(
        request,
        SettlementStep.DEDUCT_STOCK,
        () -> {
          for (Item item : orders.items(request.orderNo())) {
            int updated =
                jdbc.sql("UPDATE skus SET stock = stock - ? WHERE sku_id = ? AND stock >= ?")
                    .params(item.quantity(), item.skuId(), item.quantity())
                    .update();
            if (updated == 0) {
              throw ApplicationFailure.newNonRetryableFailure(
                  "not enough stock of " + item.skuId() + " for " + item.quantity(),
                  SettlementFailures.OUT_OF_STOCK);
            }
          }
          return StepResult.DONE;
        });
  }

  void restoreStock(SettlementRequest request) {
    steps.inverse(
        request,
        CompensationStep.RESTORE_STOCK,
        order -> {
          for (Item item : orders.items(request.orderNo())) {
            jdbc.sql("UPDATE skus SET stock = stock + ? WHERE sku_id = ?")
                .params(item.quantity(), item.skuId())
                .update();
          }
          return StepResult.DONE;
        },
        null);
  }
}
