package com.paycallback.settlement;

import java.util.List;

/**
 * Type names of the non-retryable {@code ApplicationFailure}s that activities throw for business
 * impossibilities; the workflow acts on them (compensation instead of retries).
 */
public final class SettlementFailures {
  /** Not enough stock left for an item of the order. */
  public static final String OUT_OF_STOCK = "OutOfStock";

  /** The coupon the order locked is used by another order, or gone. */
  public static final String COUPON_UNAVAILABLE = "CouponUnavailable";

  /** The points or balance frozen for the order are no longer there. */
  public static final String FUNDS_UNAVAILABLE = "FundsUnavailable";

  /** The order does not exist or its data contradicts the notice. */
  public static final String ORDER_INVALID = "OrderInvalid";

  /**
   * The business failures: never retried (see {@link SettlementActivityOptions}) and answered by
   * compensation.
   */
  public static final List<String> BUSINESS =
      List.of(OUT_OF_STOCK, COUPON_UNAVAILABLE, FUNDS_UNAVAILABLE, ORDER_INVALID);

  /** The step was voided by a compensation of this settlement: a re-run must compensate too. */
  public static final String COMPENSATED = "SettlementCompensated";

  private SettlementFailures() {}
}
