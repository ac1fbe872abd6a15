package com.paycallback.shop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places and closes orders the way the shop does: the coupon is locked and the points and wallet
 * balance the order uses are frozen at order time; stock is only deducted when the payment settles.
 * The sandbox and the tests place their orders here.
 */
public class ShopOrders {

  /** Buyers earn one point per full yuan the gateway collects. */
  static final long FEN_PER_EARNED_POINT = 100;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public ShopOrders(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  public PlacedOrder place(OrderRequest request) {
    validate(request);
    return transactions.execute(status -> placeInTransaction(request));
  }

  private static void validate(OrderRequest request) {
    if (request.userId() == null || request.userId().isBlank()) {
      throw new OrderRejected("userId is required");
    }
    if (request.items() == null || request.items().isEmpty()) {
      throw new OrderRejected("an order needs at least one item");
    }
    for (OrderRequest.Line line : request.items()) {
      if (line.skuId() == null || line.quantity() <= 0) {
        throw new OrderRejected("every item needs a skuId and a positive quantity");
      }
    }
    if (request.points() < 0 || request.balance() < 0) {
      throw new OrderRejected("points and balance cannot be negative");
    }
  }

  private PlacedOrder placeInTransaction(OrderRequest request) {
    String orderNo = "PO" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    Map<String, Integer> quantities = new TreeMap<>();
    for (OrderRequest.Line line : request.items()) {
      quantities.merge(line.skuId(), line.quantity(), Math::addExact);
    }
    long total = 0;
    List<Object[]> lines = new ArrayList<>();
    for (Map.Entry<String, Integer> line : quantities.entrySet()) {
      long price =
          jdbc.sql("SELECT price FROM skus WHERE sku_id = ?")
              .param(line.getKey())
              .query(Long.class)
              .optional()
              .orElseThrow(() -> new OrderRejected("unknown SKU " + line.getKey()));
      total = Math.addExact(total, Math.multiplyExact(price, line.getValue()));
      lines.add(new Object[] {orderNo, line.getKey(), line.getValue(), price});
    }

    long discount = 0;
    if (request.couponId() != null) {
      discount =
          couponDiscount(request.couponId(), request.userId())
              .orElseThrow(
                  () -> new OrderRejected("coupon " + request.couponId() + " is not available"));
    }
    long payable = total - discount - request.points() - request.balance();
    if (payable <= 0) {
      throw new OrderRejected("the gateway must collect something: payable would be " + payable);
    }
    freeze("points_accounts", request.userId(), request.points(), "points");
    freeze("wallet_balances", request.userId(), request.balance(), "balance");

    jdbc.sql(
            """
            INSERT INTO orders (order_no, user_id, status, payable, currency, coupon_id,
                                coupon_discount, points_redeemed, points_earned, balance_used)
            VALUES (?, ?, 'PENDING_PAYMENT', ?, 'CNY', ?, ?, ?, ?, ?)
            """)
        .params(
            orderNo,
            request.userId(),
            payable,
            request.couponId(),
            discount,
            request.points(),
            payable / FEN_PER_EARNED_POINT,
            request.balance())
        .update();
    if (request.couponId() != null) {
      jdbc.sql("UPDATE coupons SET status = 'LOCKED', order_no = ? WHERE coupon_id = ?")
          .params(orderNo, request.couponId())
          .update();
    }
    for (Object[] line : lines) {
      jdbc.sql(
              "INSERT INTO order_items (order_no, sku_id, quantity, unit_price) VALUES (?, ?, ?, ?)")
          .params(line)
          .update();
    }
    return new PlacedOrder(orderNo, payable, "CNY");
  }

  private Optional<Long> couponDiscount(String couponId, String userId) {
    return jdbc.sql(
            """
            SELECT discount FROM coupons
             WHERE coupon_id = ? AND user_id = ? AND status = 'AVAILABLE' FOR UPDATE
            """)
        .params(couponId, userId)
        .query(Long.class)
        .optional();
  }

  private void freeze(String table, String userId, long amount, String what) {
    if (amount == 0) {
      return;
    }
    int updated =
        jdbc.sql(
                "UPDATE "
                    + table
                    + " SET available = available - ?, frozen = frozen + ?"
                    + " WHERE user_id = ? AND available >= ?")
            .params(amount, amount, userId, amount)
            .update();
    if (updated == 0) {
      throw new OrderRejected("not enough " + what + " for " + userId);
    }
  }

  /**
   * The buyer starts paying through {@code channel}: the shop asked that gateway for a prepay. The
   * channel is recorded (once), and the order's payment start the first time; the reconciler asks
   * exactly these gateways about an order that stays unpaid.
   *
   * @return false when there is no such order
   */
  public boolean startPayment(String orderNo, String channel) {
    return Boolean.TRUE.equals(
        transactions.execute(
            status -> {
              int started =
                  jdbc.sql(
                          """
                          UPDATE orders
                             SET payment_started_at = COALESCE(payment_started_at,
                                                               CURRENT_TIMESTAMP(3))
                           WHERE order_no = ?
                          """)
                      .param(orderNo)
                      .update();
              if (started == 0) {
                return false;
              }
              jdbc.sql(
                      """
                      INSERT INTO order_payment_channels (order_no, channel) VALUES (?, ?)
                      ON DUPLICATE KEY UPDATE order_no = order_no
                      """)
                  .params(orderNo, channel)
                  .update();
              return true;
            }));
  }

  /** The order's status, if there is such an order. */
  public Optional<String> status(String orderNo) {
    return jdbc.sql("SELECT status FROM orders WHERE order_no = ?")
        .param(orderNo)
        .query(String.class)
        .optional();
  }

  /** The channels the buyer started paying the order with, first started first. */
  public List<String> paymentChannels(String orderNo) {
    return jdbc.sql(
            "SELECT channel FROM order_payment_channels WHERE order_no = ?"
                + " ORDER BY started_at, channel")
        .param(orderNo)
        .query(String.class)
        .list();
  }

  /**
   * Closes an unpaid order (the buyer gave up or it timed out): the coupon, points and balance it
   * held are released. A payment arriving afterwards is a late payment.
   *
   * @return whether the order was open and is now closed
   */
  public boolean close(String orderNo) {
    return Boolean.TRUE.equals(
        transactions.execute(
            status -> {
              int closed =
                  jdbc.sql(
                          """
                          UPDATE orders SET status = 'CLOSED', updated_at = CURRENT_TIMESTAMP(3)
                           WHERE order_no = ? AND status = 'PENDING_PAYMENT'
                          """)
                      .param(orderNo)
                      .update();
              if (closed == 0) {
                return false;
              }
              releaseCoupon(orderNo);
              releasePoints(orderNo);
              releaseBalance(orderNo);
              return true;
            }));
  }

  /**
   * The coupon the order locked becomes available again (the order was closed, or its settlement
   * compensated before the coupon was redeemed).
   *
   * @return whether the order held a coupon
   */
  public boolean releaseCoupon(String orderNo) {
    return jdbc.sql(
                "UPDATE coupons SET status = 'AVAILABLE', order_no = NULL"
                    + " WHERE order_no = ? AND status = 'LOCKED'")
            .param(orderNo)
            .update()
        == 1;
  }

  /**
   * The points the order froze go back to available.
   *
   * @return whether the order held any
   */
  public boolean releasePoints(String orderNo) {
    return releaseHold("points_accounts", "points_redeemed", orderNo);
  }

  /**
   * The wallet balance the order froze goes back to available.
   *
   * @return whether the order held any
   */
  public boolean releaseBalance(String orderNo) {
    return releaseHold("wallet_balances", "balance_used", orderNo);
  }

  private boolean releaseHold(String table, String amountColumn, String orderNo) {
    return jdbc.sql(
                "UPDATE "
                    + table
                    + " h JOIN orders o ON o.user_id = h.user_id"
                    + " SET h.frozen = h.frozen - o."
                    + amountColumn
                    + ", h.available = h.available + o."
                    + amountColumn
                    + " WHERE o.order_no = ? AND o."
                    + amountColumn
                    + " > 0 AND h.frozen >= o."
                    + amountColumn)
            .param(orderNo)
            .update()
        == 1;
  }
}
