package com.paycallback.settlement;

/** What an operator may decide for a parked settlement. */
public enum OperatorAction {
  /** Run the parked step again (after fixing the cause). */
  RETRY,
  /** Leave the parked step out and carry on; only for {@link SettlementStep#skippable()} steps. */
  SKIP,
  /** Give up settling: undo what was applied and refund the payer. */
  COMPENSATE,
  /**
   * The refund the gateway did not complete (ABNORMAL or CLOSED) was made by hand, outside the
   * gateway's refund API: the settlement records it and finishes. Only for a parked refund.
   */
  REFUNDED_BY_HAND
}
