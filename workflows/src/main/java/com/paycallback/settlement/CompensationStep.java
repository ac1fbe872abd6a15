package com.paycallback.settlement;

/**
 * What the saga runs when a settlement is compensated, each an idempotent activity recorded in the
 * ledger under its own name. An inverse undoes its forward step only when the ledger says that step
 * applied; otherwise it voids the step in the ledger (so a late run of it cannot apply any more)
 * and releases only what the order still holds from order time (frozen points and balance, the
 * locked coupon).
 */
public enum CompensationStep {
  /** PAID → REFUNDING: the order can no longer settle or ship. Undoes {@code markOrderPaid}. */
  MARK_ORDER_REFUNDING("markOrderRefunding", SettlementStep.MARK_ORDER_PAID),
  RESTORE_STOCK("restoreStock", SettlementStep.DEDUCT_STOCK),
  RETURN_POINTS("returnPoints", SettlementStep.SETTLE_POINTS),
  RELEASE_COUPON("releaseCoupon", SettlementStep.REDEEM_COUPON),
  RETURN_BALANCE("returnBalance", SettlementStep.UNFREEZE_BALANCE),
  DECREASE_SALES("decreaseSales", SettlementStep.INCREASE_SALES),
  RETRACT_ORDER_PAID("retractOrderPaid", SettlementStep.PUBLISH_ORDER_PAID),
  /** The full paid amount back to the payer through the channel's refund API. */
  REFUND("refund", null),
  /** REFUNDING → REFUNDED once the gateway confirmed the refund (or an operator did). */
  MARK_ORDER_REFUNDED("markOrderRefunded", null);

  private final String ledgerName;
  private final SettlementStep undoes;

  CompensationStep(String ledgerName, SettlementStep undoes) {
    this.ledgerName = ledgerName;
    this.undoes = undoes;
  }

  public String ledgerName() {
    return ledgerName;
  }

  /** The forward step this undoes, or null for the refund and the order's final transition. */
  public SettlementStep undoes() {
    return undoes;
  }

  /** The inverse of {@code step}, or null when the step has none (the order becoming SETTLED). */
  public static CompensationStep inverseOf(SettlementStep step) {
    for (CompensationStep compensation : values()) {
      if (compensation.undoes == step) {
        return compensation;
      }
    }
    return null;
  }
}
