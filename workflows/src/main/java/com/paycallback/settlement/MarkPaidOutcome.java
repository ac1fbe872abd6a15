package com.paycallback.settlement;

/** What {@code markOrderPaid} found when it tried PENDING_PAYMENT → PAID. */
public enum MarkPaidOutcome {
  /** This transaction moved the order to PAID. */
  PAID_NOW,
  /** The order was already paid by this same transaction (a re-run); settlement continues. */
  ALREADY_PAID_BY_THIS_TRANSACTION,
  /** The order was paid by another transaction: the buyer paid twice. Refund path. */
  PAID_BY_ANOTHER_TRANSACTION,
  /** The order was closed before the money arrived: a late payment. Refund path. */
  ORDER_CLOSED,
  /**
   * A genuine payment of another amount than the order's payable: the order stays unpaid (the buyer
   * can still pay the right amount) and this transaction's money goes back. Refund path.
   */
  AMOUNT_MISMATCH,
  /** A genuine payment in another currency than the order's. Refund path. */
  CURRENCY_MISMATCH;

  public boolean settles() {
    return this == PAID_NOW || this == ALREADY_PAID_BY_THIS_TRANSACTION;
  }
}
