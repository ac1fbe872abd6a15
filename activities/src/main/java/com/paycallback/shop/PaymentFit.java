package com.paycallback.shop;

/**
 * How a genuine payment fits the order it pays: the late- and double-payment rule. A payment that
 * does not fit is acknowledged to the gateway and refunded, never settled.
 */
public enum PaymentFit {
  /** The order awaits this payment, or was paid by this very transaction. */
  FITS,
  /** The order was closed before the money arrived. */
  LATE,
  /** The order was paid by another transaction: the buyer paid twice. */
  DOUBLE;

  /**
   * @param status the order's status
   * @param paidBy the transaction that paid the order, or null while it is unpaid
   * @param transactionId the paying transaction
   */
  public static PaymentFit of(OrderStatus status, String paidBy, String transactionId) {
    if (status == OrderStatus.CLOSED) {
      return LATE;
    }
    return paidBy != null && !paidBy.equals(transactionId) ? DOUBLE : FITS;
  }
}
