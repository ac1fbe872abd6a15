package com.paycallback.activities;

import com.paycallback.activities.OrderRows.PaidOrder;
import com.paycallback.ledger.StepResult;
import com.paycallback.settlement.CompensationStep;
import com.paycallback.settlement.SettlementFailures;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.settlement.SettlementStep;
import com.paycallback.shop.ShopOrders;
import io.temporal.failure.ApplicationFailure;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code wallet_balances}: the balance the order froze is spent; compensated, it goes back to
 * available.
 */
class WalletSteps {

  private final JdbcClient jdbc;
  private final LedgeredSteps steps;
  private final OrderRows orders;
  private final ShopOrders shop;

  WalletSteps(JdbcClient jdbc, LedgeredSteps steps, OrderRows orders, ShopOrders shop) {
    this.jdbc = jdbc;
    this.steps = steps;
    this.orders = orders;
    this.shop = shop;
  }

  void unfreezeBalance(SettlementRequest request) {
    steps.forward(
        request,
        SettlementStep.UNFREEZE_BALANCE,
        () -> {
          PaidOrder order = orders.order(request.orderNo());
          if (order.balanceUsed() == 0) {
            return StepResult.NOTHING_TO_DO;
          }
          int updated =
              jdbc.sql(
                      """
                      UPDATE wallet_balances SET frozen = frozen - ?, spent = spent + ?
                       WHERE user_id = ? AND frozen >= ?
                      """)
                  .params(
                      order.balanceUsed(), order.balanceUsed(), order.userId(), order.balanceUsed())
                  .update();
          if (updated == 0) {
            throw ApplicationFailure.newNonRetryableFailure(
                "balance frozen for " + order.orderNo() + " is gone",
                SettlementFailures.FUNDS_UNAVAILABLE);
          }
          return StepResult.DONE;
        });
  }

  void returnBalance(SettlementRequest request) {
    steps.inverse(
        request,
        CompensationStep.RETURN_BALANCE,
        order ->
            jdbc.sql(
                            """
                            UPDATE wallet_balances
                               SET spent = spent - ?, available = available + ?
                             WHERE user_id = ? AND spent >= ?
                            """)
                        .params(
                            order.balanceUsed(),
                            order.balanceUsed(),
                            order.userId(),
                            order.balanceUsed())
                        .update()
                    == 1
                ? StepResult.DONE
                : StepResult.NOT_APPLIED,
        order ->
            shop.releaseBalance(order.orderNo())
                ? StepResult.HOLD_RELEASED
                : StepResult.NOT_APPLIED);
  }
}
