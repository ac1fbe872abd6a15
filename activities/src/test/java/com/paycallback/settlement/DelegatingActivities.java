package com.paycallback.settlement;

/** Passes every step to the real activities; tests override one step to inject a fault. */
class DelegatingActivities implements SettlementActivities {

  private final SettlementActivities real;

  DelegatingActivities(SettlementActivities real) {
    this.real = real;
  }

  @Override
  public MarkPaidOutcome markOrderPaid(SettlementRequest request) {
    return real.markOrderPaid(request);
  }

  @Override
  public void deductStock(SettlementRequest request) {
    real.deductStock(request);
  }

  @Override
  public void settlePoints(SettlementRequest request) {
    real.settlePoints(request);
  }

  @Override
  public void redeemCoupon(SettlementRequest request) {
    real.redeemCoupon(request);
  }

  @Override
  public void unfreezeBalance(SettlementRequest request) {
    real.unfreezeBalance(request);
  }

  @Override
  public void increaseSales(SettlementRequest request) {
    real.increaseSales(request);
  }

  @Override
  public void publishOrderPaid(SettlementRequest request) {
    real.publishOrderPaid(request);
  }

  @Override
  public void markOrderSettled(SettlementRequest request) {
    real.markOrderSettled(request);
  }

  @Override
  public void recordProgress(SettlementProgress progress) {
    real.recordProgress(progress);
  }
}
