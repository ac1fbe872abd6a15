package com.paycallback.activities;

import com.paycallback.activities.OrderRows.PaidOrder;
import com.paycallback.ledger.StepLedger;
import com.paycallback.ledger.StepResult;
import com.paycallback.settlement.CompensationStep;
import com.paycallback.settlement.MarkPaidOutcome;
import com.paycallback.settlement.SettlementFailures;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.settlement.SettlementStep;
import com.paycallback.shop.OrderStatus;
import com.paycallback.shop.PaymentFit;
import io.temporal.failure.ApplicationFailure;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The order's state machine: PENDING_PAYMENT → PAID and its inverse PAID → REFUNDING, then PAID →
 * SETTLED when the saga settles or REFUNDING → REFUNDED once the payer is refunded.
 */
class OrderSteps {

  private final JdbcClient jdbc;
  private final StepLedger ledger;
  private final LedgeredSteps steps;
  private final OrderRows orders;

  OrderSteps(JdbcClient jdbc, StepLedger ledger, LedgeredSteps steps, OrderRows orders) {
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.steps = steps;
    this.orders = orders;
  }

  MarkPaidOutcome markOrderPaid(SettlementRequest request) {
    String outcome =
        ledger.once(
            request.transactionId(),
            SettlementStep.MARK_ORDER_PAID.ledgerName(),
            () -> markPaid(request).name());
    return MarkPaidOutcome.valueOf(outcome);
  }

  private MarkPaidOutcome markPaid(SettlementRequest request) {
    PaidOrder order = orders.order(request.orderNo());
    // A genuine payment that does not fit the order's payable (the pipeline acknowledged it, the
    // money has moved): the order stays as it is, for the buyer to pay the right amount.
    if (order.payable() != request.paidAmount()) {
      return MarkPaidOutcome.AMOUNT_MISMATCH;
    }
    if (!order.currency().equals(request.currency())) {
      return MarkPaidOutcome.CURRENCY_MISMATCH;
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
    return switch (PaymentFit.of(order.status(), order.transactionId(), request.transactionId())) {
      case LATE -> MarkPaidOutcome.ORDER_CLOSED;
      case DOUBLE -> MarkPaidOutcome.PAID_BY_ANOTHER_TRANSACTION;
      // The order left PENDING_PAYMENT: paid by this transaction before, or by another one since
      // it was read.
      case FITS ->
          request.transactionId().equals(order.transactionId())
              ? MarkPaidOutcome.ALREADY_PAID_BY_THIS_TRANSACTION
              : MarkPaidOutcome.PAID_BY_ANOTHER_TRANSACTION;
    };
  }

  void markOrderRefunding(SettlementRequest request) {
    ledger.once(
        request.transactionId(),
        CompensationStep.MARK_ORDER_REFUNDING.ledgerName(),
        () -> moveOrder(request, OrderStatus.PAID, OrderStatus.REFUNDING).name());
  }

  void markOrderSettled(SettlementRequest request) {
    steps.forward(
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
          return StepResult.DONE;
        });
  }

  void markOrderRefunded(SettlementRequest request) {
    ledger.once(
        request.transactionId(),
        CompensationStep.MARK_ORDER_REFUNDED.ledgerName(),
        () -> moveOrder(request, OrderStatus.REFUNDING, OrderStatus.REFUNDED).name());
  }

  /** Moves the order paid by this transaction from {@code from} to {@code to}. */
  private StepResult moveOrder(SettlementRequest request, OrderStatus from, OrderStatus to) {
    int updated =
        jdbc.sql(
                """
                UPDATE orders SET status = ?, updated_at = CURRENT_TIMESTAMP(3)
                 WHERE order_no = ? AND transaction_id = ? AND status = ?
                """)
            .params(to.name(), request.orderNo(), request.transactionId(), from.name())
            .update();
    return updated == 1 ? StepResult.DONE : StepResult.NOT_OURS;
  }
}
