package com.paycallback.settlement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.refund.RefundFailed;
import com.paycallback.refund.RefundGateway;
import com.paycallback.refund.RefundReceipt;
import com.paycallback.refund.RefundRequest;
import com.paycallback.shop.ShopOrders;
import io.temporal.failure.ApplicationFailure;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The settlement steps and their inverses over the shop's tables, each once through the {@link
 * StepLedger}.
 */
public class SettlementActivitiesImpl implements SettlementActivities {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What an inverse records when the order is not paid by its transaction: nothing to undo. */
  static final String NOT_OURS = "NOT_OURS";

  /** What an inverse records when its step never applied and the order held nothing for it. */
  static final String NOT_APPLIED = "NOT_APPLIED";

  /** What an inverse records when its step never ran but the order's hold was given back. */
  static final String HOLD_RELEASED = "HOLD_RELEASED";

  private final JdbcClient jdbc;
  private final StepLedger ledger;
  private final ShopOrders shop;
  private final List<RefundGateway> refundGateways;

  /**
   * @param shop gives back the holds an order placed (coupon, frozen points and balance) when its
   *     settlement is compensated before the step that would have consumed them
   */
  public SettlementActivitiesImpl(
      JdbcClient jdbc, StepLedger ledger, ShopOrders shop, List<RefundGateway> refundGateways) {
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.shop = shop;
    this.refundGateways = List.copyOf(refundGateways);
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
    apply(
        request,
        SettlementStep.DEDUCT_STOCK,
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
    apply(
        request,
        SettlementStep.SETTLE_POINTS,
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
    apply(
        request,
        SettlementStep.REDEEM_COUPON,
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
    apply(
        request,
        SettlementStep.UNFREEZE_BALANCE,
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
    apply(
        request,
        SettlementStep.INCREASE_SALES,
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
    apply(
        request,
        SettlementStep.PUBLISH_ORDER_PAID,
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
    apply(
        request,
        SettlementStep.MARK_ORDER_SETTLED,
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

  /**
   * A forward step once through the ledger. A step an inverse voided (it never ran, then the
   * settlement was compensated) must not apply on a later run — a reset, or the embedded default's
   * start-up re-drive of a settlement that crashed while compensating: it fails for good, and the
   * re-run compensates again instead of settling.
   */
  private String apply(SettlementRequest request, SettlementStep step, Supplier<String> effect) {
    String result = ledger.once(request.transactionId(), step.ledgerName(), effect);
    if (StepLedger.VOIDED.equals(result)) {
      throw ApplicationFailure.newNonRetryableFailure(
          step.ledgerName() + " was voided: the settlement is compensated",
          SettlementFailures.COMPENSATED);
    }
    return result;
  }

  @Override
  public void skipStep(SettlementRequest request, SettlementStep step) {
    if (!step.skippable()) {
      throw ApplicationFailure.newNonRetryableFailure(
          step.ledgerName() + " cannot be skipped", SettlementFailures.ORDER_INVALID);
    }
    ledger.skip(request.transactionId(), step.ledgerName());
  }

  @Override
  public void markOrderRefunding(SettlementRequest request) {
    ledger.once(
        request.transactionId(),
        CompensationStep.MARK_ORDER_REFUNDING.ledgerName(),
        () -> moveOrder(request, "PAID", "REFUNDING"));
  }

  @Override
  public void restoreStock(SettlementRequest request) {
    undo(
        request,
        CompensationStep.RESTORE_STOCK,
        order -> {
          for (Item item : items(request.orderNo())) {
            jdbc.sql("UPDATE skus SET stock = stock + ? WHERE sku_id = ?")
                .params(item.quantity(), item.skuId())
                .update();
          }
          return "DONE";
        },
        null);
  }

  @Override
  public void returnPoints(SettlementRequest request) {
    undo(
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
                ? "DONE"
                : NOT_APPLIED,
        order -> shop.releasePoints(order.orderNo()) ? HOLD_RELEASED : NOT_APPLIED);
  }

  @Override
  public void releaseCoupon(SettlementRequest request) {
    undo(
        request,
        CompensationStep.RELEASE_COUPON,
        order -> returnUsedCoupon(order) == 1 ? "DONE" : NOT_APPLIED,
        order -> shop.releaseCoupon(order.orderNo()) ? HOLD_RELEASED : NOT_APPLIED);
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

  @Override
  public void returnBalance(SettlementRequest request) {
    undo(
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
                ? "DONE"
                : NOT_APPLIED,
        order -> shop.releaseBalance(order.orderNo()) ? HOLD_RELEASED : NOT_APPLIED);
  }

  @Override
  public void decreaseSales(SettlementRequest request) {
    undo(
        request,
        CompensationStep.DECREASE_SALES,
        order -> {
          for (Item item : items(request.orderNo())) {
            jdbc.sql("UPDATE skus SET sales = sales - ? WHERE sku_id = ? AND sales >= ?")
                .params(item.quantity(), item.skuId(), item.quantity())
                .update();
          }
          return "DONE";
        },
        null);
  }

  @Override
  public void retractOrderPaid(SettlementRequest request) {
    undo(
        request,
        CompensationStep.RETRACT_ORDER_PAID,
        order -> {
          Map<String, Object> event = new LinkedHashMap<>();
          event.put("orderNo", request.orderNo());
          event.put("transactionId", request.transactionId());
          event.put("reason", "settlement compensated: the payment is refunded");
          jdbc.sql(
                  """
                  INSERT INTO outbox_events (event_key, event_type, aggregate_id, payload)
                  VALUES (?, 'OrderPaidRetracted', ?, ?)
                  """)
              .params(
                  "OrderPaidRetracted:" + request.transactionId(), request.orderNo(), toJson(event))
              .update();
          return "DONE";
        },
        null);
  }

  /**
   * Runs an inverse once: when the order is paid by this transaction and the ledger says {@code
   * step}'s forward step applied ({@code DONE}), {@code undoApplied}; when it never applied, voids
   * it and runs {@code releaseHold} (null: nothing held, a no-op recorded as {@code NOT_APPLIED}).
   */
  private void undo(
      SettlementRequest request,
      CompensationStep step,
      Function<PaidOrder, String> undoApplied,
      Function<PaidOrder, String> releaseHold) {
    ledger.once(
        request.transactionId(),
        step.ledgerName(),
        () -> {
          PaidOrder order = order(request.orderNo());
          if (!request.transactionId().equals(order.transactionId())) {
            return NOT_OURS;
          }
          Optional<String> forward =
              ledger.voidUnlessApplied(request.transactionId(), step.undoes().ledgerName());
          if (forward.isEmpty()) {
            return releaseHold == null ? NOT_APPLIED : releaseHold.apply(order);
          }
          return "DONE".equals(forward.get()) ? undoApplied.apply(order) : NOT_APPLIED;
        });
  }

  @Override
  public String refund(SettlementRequest request, String reason) {
    String step = CompensationStep.REFUND.ledgerName();
    Optional<String> done = ledger.recorded(request.transactionId(), step);
    if (done.isPresent()) {
      return done.get();
    }
    RefundRequest refund =
        new RefundRequest(
            request.channel(),
            request.transactionId(),
            request.orderNo(),
            RefundRequest.keyOf(request.transactionId()),
            request.paidAmount(),
            request.paidAmount(),
            request.currency(),
            reason);
    RefundGateway gateway =
        refundGateways.stream()
            .filter(g -> g.handles(request.channel()))
            .findFirst()
            .orElseThrow(
                () -> new RefundFailed("no refund client for channel " + request.channel()));
    // Outside the ledger transaction: no database transaction waits on a gateway. The gateway is
    // idempotent on the key, so an attempt that refunded but failed to record is harmless.
    RefundReceipt receipt = gateway.refund(refund);
    return ledger.once(
        request.transactionId(),
        step,
        () -> {
          recordRefund(refund, receipt);
          return receipt.status();
        });
  }

  private void recordRefund(RefundRequest refund, RefundReceipt receipt) {
    try {
      jdbc.sql(
              """
              INSERT INTO refunds (refund_key, transaction_id, channel, order_no, amount, currency,
                                   status, gateway_refund_id, reason)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
              """)
          .params(
              refund.refundKey(),
              refund.transactionId(),
              refund.channel(),
              refund.orderNo(),
              refund.amount(),
              refund.currency(),
              receipt.status(),
              receipt.gatewayRefundId(),
              truncate(refund.reason(), 300))
          .update();
    } catch (DuplicateKeyException recordedBefore) {
      // Recorded by an earlier attempt whose ledger row did not commit: the row stands.
    }
  }

  @Override
  public void markOrderRefunded(SettlementRequest request) {
    ledger.once(
        request.transactionId(),
        CompensationStep.MARK_ORDER_REFUNDED.ledgerName(),
        () -> moveOrder(request, "REFUNDING", "REFUNDED"));
  }

  /** Moves the order paid by this transaction from {@code from} to {@code to}. */
  private String moveOrder(SettlementRequest request, String from, String to) {
    int updated =
        jdbc.sql(
                """
                UPDATE orders SET status = ?, updated_at = CURRENT_TIMESTAMP(3)
                 WHERE order_no = ? AND transaction_id = ? AND status = ?
                """)
            .params(to, request.orderNo(), request.transactionId(), from)
            .update();
    return updated == 1 ? "DONE" : NOT_OURS;
  }

  @Override
  public void recordProgress(SettlementProgress progress) {
    jdbc.sql(
            """
            UPDATE settlements
               SET status = ?, current_step = ?, attempts = ?, last_error = ?,
                   reason = COALESCE(reason, ?), updated_at = CURRENT_TIMESTAMP(3)
             WHERE transaction_id = ?
            """)
        .params(
            progress.status().name(),
            progress.step(),
            progress.attempts(),
            truncate(progress.lastError(), 1000),
            truncate(progress.reason(), 300),
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

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
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
