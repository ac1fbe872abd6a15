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
 * {@code points_accounts}: the points the order froze are charged and the points it earns credited;
 * compensated, the redeemed points come back and the earned ones are taken back.
 */
class PointsSteps {

  private final JdbcClient jdbc;
  private final LedgeredSteps steps;
  private final OrderRows orders;
  private final ShopOrders shop;

  PointsSteps(JdbcClient jdbc, LedgeredSteps steps, OrderRows orders, ShopOrders shop) {
    this.jdbc = jdbc;
    this.steps = steps;
    this.orders = orders;
    this.shop = shop;
  }

  void settlePoints(SettlementRequest request) {
    steps.forward(
        request,
        SettlementStep.SETTLE_POINTS,
        () -> {
          PaidOrder order = orders.order(request.orderNo());
          if (order.pointsRedeemed() == 0 && order.pointsEarned() == 0) {
            return StepResult.NOTHING_TO_DO;
          }
          int updated =
              jdbc.sql(
                      """
                      UPDATE points_accounts
                         SET frozen = frozen - ?, available = available + ?
                       WHERE user_id = ? AND frozen >= ?
                      """)
                  .params(
                      order.pointsRedeemed(),
                      order.pointsEarned(),
                      order.userId(),
                      order.pointsRedeemed())
                  .update();
          if (updated == 0) {
            throw ApplicationFailure.newNonRetryableFailure(
                "points frozen for " + order.orderNo() + " are gone",
                SettlementFailures.FUNDS_UNAVAILABLE);
          }
          return StepResult.DONE;
        });
  }

  void returnPoints(SettlementRequest request) {
    steps.inverse(
        request,
        CompensationStep.RETURN_POINTS,
        order ->
            // Earned points the buyer has spent meanwhile cannot be taken back below zero.
            jdbc.sql(
                            """
                            UPDATE points_accounts
                               SET available = GREATEST(available + ? - ?, 0)
                             WHERE user_id = ?
                            """)
                        .params(order.pointsRedeemed(), order.pointsEarned(), order.userId())
                        .update()
                    == 1
                ? StepResult.DONE
                : StepResult.NOT_APPLIED,
        order ->
            shop.releasePoints(order.orderNo())
                ? StepResult.HOLD_RELEASED
                : StepResult.NOT_APPLIED);
  }
}
