package com.paycallback.activities;

import com.paycallback.settlement.SettlementFailures;
import com.paycallback.shop.OrderStatus;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The order and its items as the steps read them. */
class OrderRows {

  private final JdbcClient jdbc;

  OrderRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  PaidOrder order(String orderNo) {
    return jdbc.sql(
            """
            SELECT order_no, user_id, status, payable, currency, coupon_id, points_redeemed,
                   points_earned, balance_used, transaction_id
              FROM orders WHERE order_no = ?
            """)
        .param(orderNo)
        .query(PaidOrder.class)
        .optional()
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "no order " + orderNo, SettlementFailures.ORDER_INVALID));
  }

  List<Item> items(String orderNo) {
    // Sorted by SKU so concurrent settlements lock stock rows in the same order (no deadlocks).
    return jdbc.sql("SELECT sku_id, quantity FROM order_items WHERE order_no = ? ORDER BY sku_id")
        .param(orderNo)
        .query(Item.class)
        .list();
  }

  record PaidOrder(
      String orderNo,
      String userId,
      OrderStatus status,
      long payable,
      String currency,
      String couponId,
      long pointsRedeemed,
      long pointsEarned,
      long balanceUsed,
      String transactionId) {}

  record Item(String skuId, int quantity) {}
}
