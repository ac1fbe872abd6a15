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

/** {@code coupons}: the coupon the order locked becomes USED; compensated, AVAILABLE again. */
class CouponSteps {

  private final JdbcClient jdbc;
  private final LedgeredSteps steps;
  private final OrderRows orders;
  private final ShopOrders shop;

  CouponSteps(JdbcClient jdbc, LedgeredSteps steps, OrderRows orders, ShopOrders shop) {
    this.jdbc = jdbc;
    this.steps = steps;
    this.orders = orders;
    this.shop = shop;
  }

  void redeemCoupon(SettlementRequest request) {
    steps.forward(
        request,
        SettlementStep.REDEEM_COUPON,
        () -> {
          PaidOrder order = orders.order(request.orderNo());
          if (order.couponId() == null) {
            return StepResult.NOTHING_TO_DO;
          }
          int updated =
              jdbc.sql(
                      """
                      UPDATE coupons SET status = 'USED'
                       WHERE coupon_id = ? AND status = 'LOCKED' AND order_no = ?
                      """)
                  .params(order.couponId(), order.orderNo())
                  .update();
          if (updated == 0) {
            throw ApplicationFailure.newNonRetryableFailure(
                "coupon " + order.couponId() + " is not locked by " + order.orderNo(),
                SettlementFailures.COUPON_UNAVAILABLE);
          }
          return StepResult.DONE;
        });
  }

  void releaseCoupon(SettlementRequest request) {
    steps.inverse(
        request,
        CompensationStep.RELEASE_COUPON,
        order -> returnUsedCoupon(order) == 1 ? StepResult.DONE : StepResult.NOT_APPLIED,
        order ->
            shop.releaseCoupon(order.orderNo())
                ? StepResult.HOLD_RELEASED
                : StepResult.NOT_APPLIED);
  }

  private int returnUsedCoupon(PaidOrder order) {
    return jdbc.sql(
            """
            UPDATE coupons SET status = 'AVAILABLE', order_no = NULL
             WHERE coupon_id = ? AND order_no = ? AND status = 'USED'
            """)
        .params(order.couponId(), order.orderNo())
        .update();
  }
}
