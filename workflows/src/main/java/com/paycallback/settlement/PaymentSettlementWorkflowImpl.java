package com.paycallback.settlement;

import static com.paycallback.settlement.SettlementSearchAttributes.ORDER_NO;
import static com.paycallback.settlement.SettlementSearchAttributes.PAID_AMOUNT;
import static com.paycallback.settlement.SettlementSearchAttributes.PAYMENT_CHANNEL;
import static com.paycallback.settlement.SettlementSearchAttributes.SETTLEMENT_STATUS;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The settlement saga. Deterministic: all effects go through {@link SettlementActivities}, whose
 * timeouts and retries come from the worker's default activity options.
 */
public class PaymentSettlementWorkflowImpl implements PaymentSettlementWorkflow {

  private final SettlementActivities activities =
      Workflow.newActivityStub(SettlementActivities.class);

  private final Map<SettlementStep, StepView> steps = new EnumMap<>(SettlementStep.class);
  private String transactionId;
  private SettlementStatus status = SettlementStatus.RUNNING;

  public PaymentSettlementWorkflowImpl() {
    for (SettlementStep step : SettlementStep.values()) {
      steps.put(step, new StepView(step, StepState.PENDING, 0, null));
    }
  }

  @Override
  public SettlementStatus settle(SettlementRequest request) {
    transactionId = request.transactionId();
    Workflow.upsertTypedSearchAttributes(
        ORDER_NO.valueSet(request.orderNo()),
        PAYMENT_CHANNEL.valueSet(request.channel()),
        PAID_AMOUNT.valueSet(request.paidAmount()),
        SETTLEMENT_STATUS.valueSet(status.name()));
    try {
      MarkPaidOutcome outcome =
          run(SettlementStep.MARK_ORDER_PAID, () -> activities.markOrderPaid(request));
      if (!outcome.settles()) {
        // A late or double payment: nothing of this order is ours to apply.
        return park(SettlementStep.MARK_ORDER_PAID, outcome.name());
      }
      run(SettlementStep.DEDUCT_STOCK, () -> activities.deductStock(request));
      run(SettlementStep.SETTLE_POINTS, () -> activities.settlePoints(request));
      run(SettlementStep.REDEEM_COUPON, () -> activities.redeemCoupon(request));
      run(SettlementStep.UNFREEZE_BALANCE, () -> activities.unfreezeBalance(request));
      run(SettlementStep.INCREASE_SALES, () -> activities.increaseSales(request));
      run(SettlementStep.PUBLISH_ORDER_PAID, () -> activities.publishOrderPaid(request));
      run(SettlementStep.MARK_ORDER_SETTLED, () -> activities.markOrderSettled(request));
    } catch (StepFailed failed) {
      return park(failed.step, failed.reason);
    }
    changeStatus(SettlementStatus.SETTLED, null, 0, null);
    return status;
  }

  @Override
  public SettlementView view() {
    return new SettlementView(transactionId, status, List.copyOf(new ArrayList<>(steps.values())));
  }

  private void run(SettlementStep step, Runnable activity) {
    run(
        step,
        () -> {
          activity.run();
          return null;
        });
  }

  private <T> T run(SettlementStep step, Supplier<T> activity) {
    steps.put(step, new StepView(step, StepState.RUNNING, 0, null));
    try {
      T result = activity.get();
      steps.put(step, new StepView(step, StepState.DONE, 0, null));
      return result;
    } catch (ActivityFailure failure) {
      String reason = reasonOf(failure);
      steps.put(step, new StepView(step, StepState.FAILED, 0, reason));
      throw new StepFailed(step, reason);
    }
  }

  private SettlementStatus park(SettlementStep step, String reason) {
    changeStatus(SettlementStatus.NEEDS_ATTENTION, step, 0, reason);
    return status;
  }

  private void changeStatus(
      SettlementStatus newStatus, SettlementStep step, int attempts, String lastError) {
    status = newStatus;
    Workflow.upsertTypedSearchAttributes(SETTLEMENT_STATUS.valueSet(newStatus.name()));
    activities.recordProgress(
        new SettlementProgress(transactionId, newStatus, step, attempts, lastError));
  }

  private static String reasonOf(ActivityFailure failure) {
    if (failure.getCause() instanceof ApplicationFailure app) {
      return app.getType() + ": " + app.getOriginalMessage();
    }
    return String.valueOf(failure.getCause() == null ? failure : failure.getCause().getMessage());
  }

  /** Carries a step's final failure out of the straight-line saga. */
  private static final class StepFailed extends RuntimeException {
    final SettlementStep step;
    final String reason;

    StepFailed(SettlementStep step, String reason) {
      super(reason, null, false, false);
      this.step = step;
      this.reason = reason;
    }
  }
}
