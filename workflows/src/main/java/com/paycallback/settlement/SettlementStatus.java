package com.paycallback.settlement;

/** Where a settlement stands; the {@code SettlementStatus} search attribute and the admin API. */
public enum SettlementStatus {
  RUNNING,
  SETTLED,
  NEEDS_ATTENTION,
  COMPENSATING,
  COMPENSATED;

  public boolean isFinal() {
    return this == SETTLED || this == COMPENSATED;
  }
}
