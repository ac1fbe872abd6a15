package com.paycallback.settlement;

/** The saga's steps in the order they run; the ledger records them by {@link #ledgerName()}. */
public enum SettlementStep {
  MARK_ORDER_PAID("markOrderPaid"),
  DEDUCT_STOCK("deductStock"),
  SETTLE_POINTS("settlePoints"),
  REDEEM_COUPON("redeemCoupon"),
  UNFREEZE_BALANCE("unfreezeBalance"),
  INCREASE_SALES("increaseSales"),
  PUBLISH_ORDER_PAID("publishOrderPaid"),
  MARK_ORDER_SETTLED("markOrderSettled");

  private final String ledgerName;

  SettlementStep(String ledgerName) {
    this.ledgerName = ledgerName;
  }

  /** The name under which the idempotency ledger records this step. */
  public String ledgerName() {
    return ledgerName;
  }

  /**
   * Whether an operator may skip this step when it is parked. Only steps whose effect the shop can
   * live without and repair later: the sales counter (a statistic) and the order-paid event (a
   * notification). Never the order's state, stock or anything that moves money or points.
   */
  public boolean skippable() {
    return this == INCREASE_SALES || this == PUBLISH_ORDER_PAID;
  }
}
