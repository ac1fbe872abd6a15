package com.paycallback.sandbox;

import com.paycallback.settlement.MarkPaidOutcome;
import com.paycallback.settlement.RefundOutcome;
import com.paycallback.settlement.SettlementActivities;
import com.paycallback.settlement.SettlementProgress;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.settlement.SettlementStep;
import java.util.function.Consumer;

/**
 * The saga's steps doing nothing, for the ceiling worker: what is left of a settlement is
 * Temporal's own work (starts, workflow tasks, activity round trips). Each step answers as the real
 * one does on the settling path; the progress the saga records is handed to the ceiling, which
 * counts a settlement done when it records SETTLED, as the real one's row says SETTLED.
 */
class CeilingActivities implements SettlementActivities {

  private final Consumer<SettlementProgress> progress;

  CeilingActivities(Consumer<SettlementProgress> progress) {
    this.progress = progress;
  }

  @Override
  public MarkPaidOutcome markOrderPaid(SettlementRequest request) {
    return MarkPaidOutcome.PAID_NOW;
  }

  @Override
  public void deductStock(SettlementRequest request) {}

  @Override
  public void settlePoints(SettlementRequest request) {}

  @Override
  public void redeemCoupon(SettlementRequest request) {}

  @Override
  public void unfreezeBalance(SettlementRequest request) {}

  @Override
  public void increaseSales(SettlementRequest request) {}

  @Override
  public void publishOrderPaid(SettlementRequest request) {}

  @Override
  public void markOrderSettled(SettlementRequest request) {}

  @Override
  public void skipStep(SettlementRequest request, SettlementStep step) {}

  @Override
  public void markOrderRefunding(SettlementRequest request) {}

  @Override
  public void restoreStock(SettlementRequest request) {}

  @Override
  public void returnPoints(SettlementRequest request) {}

  @Override
  public void releaseCoupon(SettlementRequest request) {}

  @Override
  public void returnBalance(SettlementRequest request) {}

  @Override
  public void decreaseSales(SettlementRequest request) {}

  @Override
  public void retractOrderPaid(SettlementRequest request) {}

  @Override
  public String refund(SettlementRequest request, String reason) {
    return RefundOutcome.SUCCESS;
  }

  @Override
  public String queryRefund(SettlementRequest request) {
    return RefundOutcome.SUCCESS;
  }

  @Override
  public void recordRefundOutcome(SettlementRequest request, String status, String confirmedBy) {}

  @Override
  public void markOrderRefunded(SettlementRequest request) {}

  @Override
  public void recordProgress(SettlementProgress progress) {
    this.progress.accept(progress);
  }
}
