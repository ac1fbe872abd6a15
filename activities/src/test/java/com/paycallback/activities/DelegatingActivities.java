package com.paycallback.activities;

import com.paycallback.settlement.MarkPaidOutcome;
import com.paycallback.settlement.SettlementActivities;
import com.paycallback.settlement.SettlementProgress;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.settlement.SettlementStep;

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
  public void markOrderRefunding(SettlementRequest request) {
    real.markOrderRefunding(request);
  }

  @Override
  public void restoreStock(SettlementRequest request) {
    real.restoreStock(request);
  }

  @Override
  public void returnPoints(SettlementRequest request) {
    real.returnPoints(request);
  }

  @Override
  public void releaseCoupon(SettlementRequest request) {
    real.releaseCoupon(request);
  }

  @Override
  public void returnBalance(SettlementRequest request) {
    real.returnBalance(request);
  }

  @Override
  public void decreaseSales(SettlementRequest request) {
    real.decreaseSales(request);
  }

  @Override
  public void retractOrderPaid(SettlementRequest request) {
    real.retractOrderPaid(request);
  }

  @Override
  public void markOrderRefunded(SettlementRequest request) {
    real.markOrderRefunded(request);
  }

  @Override
  public void skipStep(SettlementRequest request, SettlementStep step) {
    real.skipStep(request, step);
  }

  @Override
  public String refund(SettlementRequest request, String reason) {
    return real.refund(request, reason);
  }

  @Override
  public String queryRefund(SettlementRequest request) {
    return real.queryRefund(request);
  }

  @Override
  public void recordRefundOutcome(SettlementRequest request, String status, String confirmedBy) {
    real.recordRefundOutcome(request, status, confirmedBy);
  }

  @Override
  public void recordProgress(SettlementProgress progress) {
    real.recordProgress(progress);
  }
}
