package com.paycallback.settlement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The settlement steps over the shop's tables, each once through the {@link StepLedger}. */
public class SettlementActivitiesImpl implements SettlementActivities {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcClient jdbc;
  private final StepLedger ledger;

  public SettlementActivitiesImpl(JdbcClient jdbc, StepLedger ledger) {
    this.jdbc = jdbc;
    this.ledger = ledger;
  }

  @Override
  public MarkPaidOutcome markOrderPaid(SettlementRequest request) {
    String outcome =
        ledger.once(
            request.transactionId(),
            SettlementStep.MARK_ORDER_PAID.ledgerName(),
            () -> markPaid(request).name());
    return MarkPaidOutcome.valueOf(outcome);
  }

  private MarkPaidOutcome markPaid(SettlementRequest request) {
    PaidOrder order = order(request.orderNo());
    if (order.payable() != request.paidAmount()) {
      // The pipeline checks this before hand-off; a mismatch here means tampered data.
      throw ApplicationFailure.newNonRetryableFailure(
          "paid " + request.paidAmount() + " but order payable is " + order.payable(),
          SettlementFailures.ORDER_INVALID);
    }
    int updated =
        jdbc.sql(
                """
                UPDATE orders
                   SET status = 'PAID', transaction_id = ?, paid_channel = ?, paid_at = ?,
                       updated_at = CURRENT_TIMESTAMP(3)
                 WHERE order_no = ? AND status = 'PENDING_PAYMENT'
                """)
            .params(
                request.transactionId(),
                request.channel(),
                Timestamp.from(request.paidAt()),
                request.orderNo())
            .update();
    if (updated == 1) {
      return MarkPaidOutcome.PAID_NOW;
    }
    if (request.transactionId().equals(order.transactionId())) {
      return MarkPaidOutcome.ALREADY_PAID_BY_THIS_TRANSACTION;
    }
    return "CLOSED".equals(order.status())
        ? MarkPaidOutcome.ORDER_CLOSED
        : MarkPaidOutcome.PAID_BY_ANOTHER_TRANSACTION;
  }

  @Override
  public void deductStock(SettlementRequest request) {
    ledger.once(
        request.transactionId(),
        SettlementStep.DEDUCT_STOCK.ledgerName(),
        () -> {
          for (Item item : items(request.orderNo())) {
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
          return "DONE";
        });
  }

  @Override
  public void settlePoints(SettlementRequest request) {
    ledger.once(
        request.transactionId(),
        SettlementStep.SETTLE_POINTS.ledgerName(),
        () -> {
          PaidOrder order = order(request.orderNo());
          if (order.pointsRedeemed() == 0 && order.pointsEarned() == 0) {
            return "NOTHING_TO_DO";
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
          return "DONE";
        });
  }

  @Override
  public void redeemCoupon(SettlementRequest request) {
    ledger.once(
        request.transactionId(),
        SettlementStep.REDEEM_COUPON.ledgerName(),
        () -> {
          PaidOrder order = order(request.orderNo());
          if (order.couponId() == null) {
            return "NOTHING_TO_DO";
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
          return "DONE";
        });
  }

  @Override
  public void unfreezeBalance(SettlementRequest request) {
    ledger.once(
        request.transactionId(),
        SettlementStep.UNFREEZE_BALANCE.ledgerName(),
        () -> {
          PaidOrder order = order(request.orderNo());
          if (order.balanceUsed() == 0) {
            return "NOTHING_TO_DO";
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
          return "DONE";
        });
  }

  @Override
  public void increaseSales(SettlementRequest request) {
    ledger.once(
        request.transactionId(),
        SettlementStep.INCREASE_SALES.ledgerName(),
        () -> {
          for (Item item : items(request.orderNo())) {
            jdbc.sql("UPDATE skus SET sales = sales + ? WHERE sku_id = ?")
                .params(item.quantity(), item.skuId())
                .update();
          }
          return "DONE";
        });
  }

  @Override
  public void publishOrderPaid(SettlementRequest request) {
    ledger.once(
        request.transactionId(),
        SettlementStep.PUBLISH_ORDER_PAID.ledgerName(),
        () -> {
          Map<String, Object> event = new LinkedHashMap<>();
          event.put("orderNo", request.orderNo());
          event.put("transactionId", request.transactionId());
          event.put("channel", request.channel());
          event.put("amount", request.paidAmount());
          event.put("currency", request.currency());
          event.put("paidAt", request.paidAt().toString());
          jdbc.sql(
                  """
                  INSERT INTO outbox_events (event_key, event_type, aggregate_id, payload)
                  VALUES (?, 'OrderPaid', ?, ?)
                  """)
              .params("OrderPaid:" + request.transactionId(), request.orderNo(), toJson(event))
              .update();
          return "DONE";
        });
  }

  @Override
  public void markOrderSettled(SettlementRequest request) {
    ledger.once(
        request.transactionId(),
        SettlementStep.MARK_ORDER_SETTLED.ledgerName(),
        () -> {
          int updated =
              jdbc.sql(
                      """
                      UPDATE orders SET status = 'SETTLED', updated_at = CURRENT_TIMESTAMP(3)
                       WHERE order_no = ? AND status = 'PAID' AND transaction_id = ?
                      """)
                  .params(request.orderNo(), request.transactionId())
                  .update();
          if (updated == 0) {
            throw ApplicationFailure.newNonRetryableFailure(
                "order " + request.orderNo() + " is not PAID by " + request.transactionId(),
                SettlementFailures.ORDER_INVALID);
          }
          return "DONE";
        });
  }

  @Override
  public void recordProgress(SettlementProgress progress) {
    String lastError = progress.lastError();
    if (lastError != null && lastError.length() > 1000) {
      lastError = lastError.substring(0, 1000);
    }
    jdbc.sql(
            """
            UPDATE settlements
               SET status = ?, current_step = ?, attempts = ?, last_error = ?,
                   updated_at = CURRENT_TIMESTAMP(3)
             WHERE transaction_id = ?
            """)
        .params(
            progress.status().name(),
            progress.step() == null ? null : progress.step().ledgerName(),
            progress.attempts(),
            lastError,
            progress.transactionId())
        .update();
  }

  private PaidOrder order(String orderNo) {
    return jdbc.sql(
            """
            SELECT order_no, user_id, status, payable, coupon_id, points_redeemed,
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

  private List<Item> items(String orderNo) {
    // Sorted by SKU so concurrent settlements lock stock rows in the same order (no deadlocks).
    return jdbc.sql("SELECT sku_id, quantity FROM order_items WHERE order_no = ? ORDER BY sku_id")
        .param(orderNo)
        .query(Item.class)
        .list();
  }

  private static String toJson(Map<String, Object> event) {
    try {
      return JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise outbox event", e);
    }
  }

  record PaidOrder(
      String orderNo,
      String userId,
      String status,
      long payable,
      String couponId,
      long pointsRedeemed,
      long pointsEarned,
      long balanceUsed,
      String transactionId) {}

  record Item(String skuId, int quantity) {}
}
