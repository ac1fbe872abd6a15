package com.paycallback.settlement;

/** The state of one saga step as the workflow query reports it. */
public enum StepState {
  PENDING,
  RUNNING,
  DONE,
  FAILED,
  SKIPPED,
  COMPENSATED
}
