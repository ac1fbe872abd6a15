package com.paycallback.shop;

/** The order's state machine, as {@code orders.status} keeps it. */
public enum OrderStatus {
  /** Placed; the coupon is locked, the points and balance it uses are frozen. */
  PENDING_PAYMENT,
  /** Paid by one transaction; its settlement is under way. */
  PAID,
  /** Settled: ready to ship. */
  SETTLED,
  /** Closed unpaid; its holds are released. A payment arriving now is a late payment. */
  CLOSED,
  /** Its settlement is compensated: the payment is being refunded. */
  REFUNDING,
  /** The gateway accepted the refund. */
  REFUNDED
}
