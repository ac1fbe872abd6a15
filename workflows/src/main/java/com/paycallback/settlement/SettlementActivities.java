package com.paycallback.settlement;

import io.temporal.activity.ActivityInterface;

/**
 * The saga's steps. Every method is idempotent: it records itself in the settlement ledger in the
 * same local transaction as its effect, so a retry, a re-drive or a reset re-runs it harmlessly.
 * Business impossibilities are non-retryable failures typed by {@link SettlementFailures}.
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

  /** Mirrors the settlement's progress into the database for the admin API and re-drives. */
  void recordProgress(SettlementProgress progress);
}
