package com.paycallback.settlement;

import io.temporal.activity.ActivityInterface;

/**
 * The saga's steps and their inverses. Every method is idempotent: it records itself in the
 * settlement ledger in the same local transaction as its effect, so a retry, a re-drive or a reset
 * re-runs it harmlessly. Business impossibilities are non-retryable failures typed by {@link
 * SettlementFailures}.
 */
@ActivityInterface
public interface SettlementActivities {

  /** PENDING_PAYMENT → PAID, the only legal transition; tells what it found. */
  MarkPaidOutcome markOrderPaid(SettlementRequest request);

  /** Per item, {@code stock - quantity} where enough is left. */
  void deductStock(SettlementRequest request);

  /** Charges the points the order froze and credits the points it earns. */
  void settlePoints(SettlementRequest request);

  /** The coupon the order locked becomes USED. */
  void redeemCoupon(SettlementRequest request);

  /** The wallet amount the order froze is spent. */
  void unfreezeBalance(SettlementRequest request);

  /** Per SKU sales counter. */
  void increaseSales(SettlementRequest request);

  /** The order-paid event, into the outbox. */
  void publishOrderPaid(SettlementRequest request);

  /** PAID → SETTLED: ready to ship. */
  void markOrderSettled(SettlementRequest request);

  /** An operator skipped {@code step}: the ledger records it so no later run applies it. */
  void skipStep(SettlementRequest request, SettlementStep step);

  /** PAID → REFUNDING, when the order is paid by this transaction. */
  void markOrderRefunding(SettlementRequest request);

  /** Gives the deducted stock back. */
  void restoreStock(SettlementRequest request);

  /** Redeemed points back to available, earned points taken back. */
  void returnPoints(SettlementRequest request);

  /** The coupon becomes AVAILABLE to its owner again. */
  void releaseCoupon(SettlementRequest request);

  /** The wallet amount the order spent goes back to available. */
  void returnBalance(SettlementRequest request);

  /** Per SKU sales counter back down. */
  void decreaseSales(SettlementRequest request);

  /** An {@code OrderPaidRetracted} event into the outbox. */
  void retractOrderPaid(SettlementRequest request);

  /**
   * Refunds the full paid amount through the channel's refund client, with an idempotency key
   * derived from the transaction id.
   *
   * @param reason why, for the gateway and the audit trail
   * @return the gateway's refund status
   */
  String refund(SettlementRequest request, String reason);

  /**
   * Asks the gateway how the refund stands and records its answer with the refund. Changes nothing
   * but the refund's recorded status, so it may run any number of times.
   *
   * @return the gateway's word, one of {@link RefundOutcome}'s statuses
   */
  String queryRefund(SettlementRequest request);

  /**
   * Records how the refund ended, as the gateway notified it or as an operator recorded it.
   *
   * @param status the refund's final status, one of {@link RefundOutcome}'s
   * @param confirmedBy who says so: {@code NOTICE}, or the operator who recorded a refund by hand
   */
  void recordRefundOutcome(SettlementRequest request, String status, String confirmedBy);

  /** REFUNDING → REFUNDED, when the order is paid by this transaction. */
  void markOrderRefunded(SettlementRequest request);

  /** Mirrors the settlement's progress into the database for the admin API and re-drives. */
  void recordProgress(SettlementProgress progress);
}
