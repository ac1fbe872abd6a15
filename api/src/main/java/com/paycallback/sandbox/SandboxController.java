package com.paycallback.sandbox;

import com.paycallback.gateway.wechatpay.WechatPaySignatureType;
import com.paycallback.shop.OrderRejected;
import com.paycallback.shop.OrderRequest;
import com.paycallback.shop.PlacedOrder;
import com.paycallback.shop.ShopOrders;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The sandbox (embedded default only): demo data, orders placed as the shop would, payments. */
@RestController
@RequestMapping("/sandbox")
@ConditionalOnProperty(name = "paycallback.sandbox.enabled", havingValue = "true")
class SandboxController {

  private final JdbcClient jdbc;
  private final ShopOrders orders;
  private final SandboxGateways gateways;
  private final SandboxTrades trades;
  private final Clock clock;

  SandboxController(
      JdbcClient jdbc,
      ShopOrders orders,
      SandboxGateways gateways,
      SandboxTrades trades,
      Clock clock) {
    this.jdbc = jdbc;
    this.orders = orders;
    this.gateways = gateways;
    this.trades = trades;
    this.clock = clock;
  }

  /**
   * One query per table, each done before the next: a query inside another's row callback would
   * hold one pooled connection while asking for a second, and a handful of concurrent readers would
   * then exhaust the pool.
   */
  @GetMapping("/catalog")
  Catalog catalog() {
    List<Sku> skus =
        jdbc.sql("SELECT sku_id, price, stock, sales FROM skus ORDER BY sku_id")
            .query(Sku.class)
            .list();
    Map<String, List<Coupon>> coupons =
        jdbc
            .sql("SELECT user_id, coupon_id, discount, status FROM coupons ORDER BY coupon_id")
            .query(
                (rs, row) ->
                    Map.entry(
                        rs.getString("user_id"),
                        new Coupon(
                            rs.getString("coupon_id"),
                            rs.getLong("discount"),
                            rs.getString("status"))))
            .list()
            .stream()
            .collect(
                Collectors.groupingBy(
                    Map.Entry::getKey,
                    Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    List<User> users =
        jdbc.sql(
                """
                SELECT p.user_id, p.available AS points, w.available, w.frozen
                  FROM points_accounts p JOIN wallet_balances w ON w.user_id = p.user_id
                 ORDER BY p.user_id
                """)
            .query(
                (rs, row) ->
                    new User(
                        rs.getString("user_id"),
                        rs.getLong("points"),
                        new Balance(rs.getLong("available"), rs.getLong("frozen")),
                        coupons.getOrDefault(rs.getString("user_id"), List.of())))
            .list();
    return new Catalog(skus, users);
  }

  /** Adds a SKU to the demo catalogue or restocks it (load tests, demos of the oversell race). */
  @PutMapping("/skus/{skuId}")
  ResponseEntity<?> putSku(@PathVariable String skuId, @RequestBody SkuStock sku) {
    if (sku.name() == null || sku.price() <= 0 || sku.stock() < 0 || skuId.length() > 64) {
      return ResponseEntity.badRequest()
          .body(Map.of("error", "a SKU needs a name, a positive price and a stock of 0 or more"));
    }
    int updated =
        jdbc.sql("UPDATE skus SET name = ?, price = ?, stock = ? WHERE sku_id = ?")
            .params(sku.name(), sku.price(), sku.stock(), skuId)
            .update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO skus (sku_id, name, price, stock) VALUES (?, ?, ?, ?)")
          .params(skuId, sku.name(), sku.price(), sku.stock())
          .update();
    }
    return ResponseEntity.ok(
        jdbc.sql("SELECT sku_id, price, stock, sales FROM skus WHERE sku_id = ?")
            .param(skuId)
            .query(Sku.class)
            .single());
  }

  @PostMapping("/orders")
  @ResponseStatus(HttpStatus.CREATED)
  PlacedOrder placeOrder(@RequestBody PlaceOrder request) {
    return orders.place(
        new OrderRequest(
            request.userId(),
            request.items() == null
                ? List.of()
                : request.items().stream()
                    .map(i -> new OrderRequest.Line(i.skuId(), i.quantity()))
                    .toList(),
            request.couponId(),
            request.points() == null ? 0 : request.points(),
            request.balance() == null ? 0 : request.balance()));
  }

  @GetMapping("/orders/{orderNo}")
  ResponseEntity<OrderView> order(@PathVariable String orderNo) {
    // The items first: never a query inside another's row callback (see catalog()).
    List<Item> items =
        jdbc.sql("SELECT sku_id, quantity FROM order_items WHERE order_no = ? ORDER BY sku_id")
            .param(orderNo)
            .query(Item.class)
            .list();
    return jdbc.sql(
            """
            SELECT order_no, status, payable, currency, coupon_id, points_redeemed, points_earned,
                   balance_used, transaction_id
              FROM orders WHERE order_no = ?
            """)
        .param(orderNo)
        .query(
            (rs, row) ->
                new OrderView(
                    rs.getString("order_no"),
                    rs.getString("status"),
                    rs.getLong("payable"),
                    rs.getString("currency"),
                    items,
                    rs.getString("coupon_id"),
                    rs.getLong("points_redeemed"),
                    rs.getLong("points_earned"),
                    rs.getLong("balance_used"),
                    rs.getString("transaction_id")))
        .optional()
        .map(ResponseEntity::ok)
        .orElse(ResponseEntity.notFound().build());
  }

  /**
   * The buyer pays as the shop and the gateway would see it: the shop records the prepay channel,
   * the simulated gateway books the payment in its own book of trades (what its query API answers
   * from), then notifies the webhook with the same transaction id, amount, time and payer, unless
   * told not to ({@code "deliver": false}: only reconciliation can find that payment).
   */
  @PostMapping("/pay")
  ResponseEntity<?> pay(@RequestBody Pay request) {
    Long payable =
        request.orderNo() == null
            ? null
            : jdbc.sql("SELECT payable FROM orders WHERE order_no = ?")
                .param(request.orderNo())
                .query(Long.class)
                .optional()
                .orElse(null);
    if (payable == null) {
      return ResponseEntity.badRequest().body(Map.of("error", "unknown orderNo"));
    }
    String channel = request.channel() == null ? "alipay" : request.channel();
    if (!List.of("alipay", "wechatpay", "generic").contains(channel)) {
      return ResponseEntity.badRequest().body(Map.of("error", "unsupported channel " + channel));
    }
    WechatPaySignatureType signatureType;
    try {
      signatureType =
          request.signatureType() == null
              ? WechatPaySignatureType.RSA
              : WechatPaySignatureType.valueOf(request.signatureType());
    } catch (IllegalArgumentException e) {
      return ResponseEntity.badRequest().body(Map.of("error", "signatureType is RSA or SM2"));
    }
    long amount = request.amount() == null ? payable : request.amount();
    if (amount <= 0) {
      return ResponseEntity.badRequest().body(Map.of("error", "amount must be positive"));
    }
    boolean deliver = request.deliver() == null || request.deliver();
    orders.startPayment(request.orderNo(), channel);
    String transactionId = gateways.newTransactionId(channel);
    // Whole seconds: Alipay's and WeChat Pay's notices carry no finer time.
    Instant paidAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String payer = gateways.newPayer(channel);
    trades.paid(channel, request.orderNo(), transactionId, amount, "CNY", payer, paidAt, deliver);
    if (!deliver) {
      return ResponseEntity.ok(
          new PayResult(
              transactionId,
              "not delivered: the gateway booked the payment and will never notify"));
    }
    String answer =
        switch (channel) {
          case "wechatpay" ->
              gateways.deliverWechatPay(
                  transactionId, request.orderNo(), amount, signatureType, paidAt, payer);
          case "generic" ->
              gateways.deliverGeneric(transactionId, request.orderNo(), amount, paidAt, payer);
          default ->
              gateways.deliverAlipay(
                  gateways.alipayNotice(transactionId, request.orderNo(), amount, paidAt, payer));
        };
    return ResponseEntity.ok(new PayResult(transactionId, answer));
  }

  @ExceptionHandler(OrderRejected.class)
  ResponseEntity<Map<String, String>> rejected(OrderRejected e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }

  record Catalog(List<Sku> skus, List<User> users) {}

  record Sku(String skuId, long price, int stock, int sales) {}

  record SkuStock(String name, long price, int stock) {}

  record User(String userId, long points, Balance balance, List<Coupon> coupons) {}

  record Balance(long available, long frozen) {}

  record Coupon(String couponId, long discount, String status) {}

  record PlaceOrder(String userId, List<Item> items, String couponId, Long points, Long balance) {}

  record Item(String skuId, int quantity) {}

  record OrderView(
      String orderNo,
      String status,
      long payable,
      String currency,
      List<Item> items,
      String couponId,
      long pointsRedeemed,
      long pointsEarned,
      long balanceUsed,
      String transactionId) {}

  /**
   * @param signatureType for WeChat Pay: {@code RSA} (default) or {@code SM2}
   * @param amount what the buyer pays, in minor units; the order's payable when absent
   * @param deliver false: the gateway books the payment but never notifies
   */
  record Pay(String orderNo, String channel, String signatureType, Long amount, Boolean deliver) {}

  record PayResult(String transactionId, String answer) {}
}
