package com.paycallback.db;

import com.paycallback.shop.OrderRequest;
import com.paycallback.shop.PlacedOrder;
import com.paycallback.shop.ShopOrders;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Creates a buyer, SKUs and orders with ids unique to one test, and reads them back. */
public final class ShopFixture {

  public final String suffix = UUID.randomUUID().toString().substring(0, 8);
  public final String userId = "u-" + suffix;
  public final String couponId = "CPN-" + suffix;
  private final JdbcClient jdbc;
  private final ShopOrders orders;

  public ShopFixture(TestDatabase db) {
    this.jdbc = db.jdbc();
    this.orders = new ShopOrders(jdbc, db.transactions());
  }

  /** A buyer with 5000 points, 20000 fen in the wallet and a 1000 fen coupon. */
  public ShopFixture withBuyer() {
    jdbc.sql("INSERT INTO points_accounts (user_id, available) VALUES (?, 5000)")
        .param(userId)
        .update();
    jdbc.sql("INSERT INTO wallet_balances (user_id, available) VALUES (?, 20000)")
        .param(userId)
        .update();
    jdbc.sql(
            "INSERT INTO coupons (coupon_id, user_id, discount, status) VALUES (?, ?, 1000,"
                + " 'AVAILABLE')")
        .params(couponId, userId)
        .update();
    return this;
  }

  public String sku(String name, long price, int stock) {
    String skuId = "SKU-" + name + "-" + suffix;
    jdbc.sql("INSERT INTO skus (sku_id, name, price, stock) VALUES (?, ?, ?, ?)")
        .params(skuId, name, price, stock)
        .update();
    return skuId;
  }

  /** An order of {@code quantity} × {@code skuId} using the coupon, 300 points and 2000 fen. */
  public PlacedOrder fullOrder(String skuId, int quantity) {
    return orders.place(
        new OrderRequest(
            userId, List.of(new OrderRequest.Line(skuId, quantity)), couponId, 300, 2000));
  }

  public PlacedOrder plainOrder(String skuId, int quantity) {
    return orders.place(
        new OrderRequest(userId, List.of(new OrderRequest.Line(skuId, quantity)), null, 0, 0));
  }

  public ShopOrders orders() {
    return orders;
  }

  public Map<String, Object> sku(String skuId) {
    return jdbc.sql("SELECT stock, sales FROM skus WHERE sku_id = ?")
        .param(skuId)
        .query()
        .singleRow();
  }

  public Map<String, Object> points() {
    return jdbc.sql("SELECT available, frozen FROM points_accounts WHERE user_id = ?")
        .param(userId)
        .query()
        .singleRow();
  }

  public Map<String, Object> wallet() {
    return jdbc.sql("SELECT available, frozen, spent FROM wallet_balances WHERE user_id = ?")
        .param(userId)
        .query()
        .singleRow();
  }

  public String couponStatus() {
    return jdbc.sql("SELECT status FROM coupons WHERE coupon_id = ?")
        .param(couponId)
        .query(String.class)
        .single();
  }

  public String orderStatus(String orderNo) {
    return jdbc.sql("SELECT status FROM orders WHERE order_no = ?")
        .param(orderNo)
        .query(String.class)
        .single();
  }

  public int outboxEvents(String orderNo, String type) {
    return jdbc.sql("SELECT COUNT(*) FROM outbox_events WHERE aggregate_id = ? AND event_type = ?")
        .params(orderNo, type)
        .query(Integer.class)
        .single();
  }

  /** The settlements row the notice pipeline writes before it starts a workflow. */
  public void recordSettlement(String transactionId, String channel, PlacedOrder order) {
    jdbc.sql(
            """
            INSERT INTO settlements (transaction_id, channel, order_no, amount, currency, paid_at,
                                     status)
            VALUES (?, ?, ?, ?, 'CNY', CURRENT_TIMESTAMP(3), 'RUNNING')
            """)
        .params(transactionId, channel, order.orderNo(), order.payable())
        .update();
  }

  /** Refunds the simulated gateway booked for a transaction. */
  public int sandboxRefunds(String transactionId) {
    return jdbc.sql("SELECT COUNT(*) FROM sandbox_refunds WHERE transaction_id = ?")
        .param(transactionId)
        .query(Integer.class)
        .single();
  }

  /** The settlements row: status, current_step, attempts, last_error, reason. */
  public Map<String, Object> settlement(String transactionId) {
    return jdbc.sql(
            """
            SELECT status, current_step, attempts, last_error, reason
              FROM settlements WHERE transaction_id = ?
            """)
        .param(transactionId)
        .query()
        .singleRow();
  }

  /** What the ledger recorded for a step, or null. */
  public String ledger(String transactionId, String step) {
    return jdbc.sql("SELECT result FROM settlement_steps WHERE transaction_id = ? AND step = ?")
        .params(transactionId, step)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  public String orderTransaction(String orderNo) {
    return jdbc.sql("SELECT transaction_id FROM orders WHERE order_no = ?")
        .param(orderNo)
        .query(String.class)
        .single();
  }

  public String settlementStatus(String transactionId) {
    return jdbc.sql("SELECT status FROM settlements WHERE transaction_id = ?")
        .param(transactionId)
        .query(String.class)
        .single();
  }
}
