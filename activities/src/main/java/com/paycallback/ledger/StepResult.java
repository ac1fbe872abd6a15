package com.paycallback.ledger;

/**
 * What the saga's steps and inverses record in {@code settlement_steps.result}, besides the outcome
 * of {@code markOrderPaid} and the gateway's word for a refund, which the ledger records as they
 * come.
 */
public enum StepResult {
  /** The step applied its effect (an inverse: it undid its forward step's effect). */
  DONE,
  /** The order has nothing this step touches (no points, no coupon, no balance used). */
  NOTHING_TO_DO,
  /** An inverse found the order not paid by its transaction: nothing to undo. */
  NOT_OURS,
  /** An inverse found its step never applied and the order held nothing for it. */
  NOT_APPLIED,
  /** An inverse found its step never ran but gave back what the order held for it. */
  HOLD_RELEASED,
  /** A forward step an inverse found never applied: a late run of it applies nothing. */
  VOIDED,
  /** A forward step an operator skipped. */
  SKIPPED;

  /** Whether {@code recorded}, a ledger row's result, is this one. */
  public boolean is(String recorded) {
    return name().equals(recorded);
  }
}
