package com.paycallback.settlement;

/** What an operator may decide for a parked settlement. */
public enum OperatorAction {
  /** Run the parked step again (after fixing the cause). */
  RETRY,
  /** Leave the parked step out and carry on; only for {@link SettlementStep#skippable()} steps. */
  SKIP,
  /** Give up settling: undo what was applied and refund the payer. */
  COMPENSATE
}
