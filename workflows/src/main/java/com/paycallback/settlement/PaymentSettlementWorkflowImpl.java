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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The settlement saga. Deterministic: all effects go through {@link SettlementActivities}, whose
 * timeouts and retries come from the worker's default activity options.
 *
 * <p>Three endings: SETTLED; COMPENSATED after a business failure, an operator's decision or a late
 * or double payment (what was applied is undone and the payer refunded); or, in between, parked in
 * NEEDS_ATTENTION while a step whose retries ran out waits for an operator.
 */
public class PaymentSettlementWorkflowImpl implements PaymentSettlementWorkflow {

  private final SettlementActivities activities =
      Workflow.newActivityStub(SettlementActivities.class);

  private final Map<SettlementStep, StepView> steps = new EnumMap<>(SettlementStep.class);
  private final Map<CompensationStep, CompensationView> compensations = new LinkedHashMap<>();

  /** The inverses of the steps attempted so far, each added right before its step runs. */
  private final List<CompensationStep> saga = new ArrayList<>();

  private SettlementRequest request;
  private SettlementStatus status = SettlementStatus.RUNNING;
  private String reason;
  private Parked parked;
  private OperatorDecision decision;

  public PaymentSettlementWorkflowImpl() {
    for (SettlementStep step : SettlementStep.values()) {
      steps.put(step, new StepView(step, StepState.PENDING, 0, null));
    }
  }

  @Override
  public SettlementStatus settle(SettlementRequest request) {
    this.request = request;
    Workflow.upsertTypedSearchAttributes(
        ORDER_NO.valueSet(request.orderNo()),
        PAYMENT_CHANNEL.valueSet(request.channel()),
        PAID_AMOUNT.valueSet(request.paidAmount()),
        SETTLEMENT_STATUS.valueSet(status.name()));
    try {
      MarkPaidOutcome outcome =
          forward(SettlementStep.MARK_ORDER_PAID, () -> activities.markOrderPaid(request));
      if (!outcome.settles()) {
        // A late or double payment: nothing of this order is ours to apply or undo; the money of
        // this transaction goes back.
        return refundOnly(outcome.name());
      }
      forward(SettlementStep.DEDUCT_STOCK, () -> activities.deductStock(request));
      forward(SettlementStep.SETTLE_POINTS, () -> activities.settlePoints(request));
      forward(SettlementStep.REDEEM_COUPON, () -> activities.redeemCoupon(request));
      forward(SettlementStep.UNFREEZE_BALANCE, () -> activities.unfreezeBalance(request));
      forward(SettlementStep.INCREASE_SALES, () -> activities.increaseSales(request));
      forward(SettlementStep.PUBLISH_ORDER_PAID, () -> activities.publishOrderPaid(request));
      forward(SettlementStep.MARK_ORDER_SETTLED, () -> activities.markOrderSettled(request));
    } catch (GiveUp giveUp) {
      return compensate(giveUp.reason);
    }
    changeStatus(SettlementStatus.SETTLED, null, 0, null);
    return status;
  }

  @Override
  public SettlementView view() {
    return new SettlementView(
        request == null ? null : request.transactionId(),
        status,
        parked == null ? null : parked.step,
        reason,
        List.copyOf(steps.values()),
        List.copyOf(compensations.values()));
  }

  @Override
  public void validateDecision(OperatorDecision decision) {
    if (parked == null || this.decision != null) {
      throw new IllegalStateException("the settlement is not waiting for an operator");
    }
    if (decision == null || decision.action() == null) {
      throw new IllegalArgumentException("an action is required");
    }
    if (decision.action() == OperatorAction.SKIP && !parked.skippable) {
      throw new IllegalStateException(parked.step + " cannot be skipped");
    }
    if (decision.action() == OperatorAction.COMPENSATE && parked.compensating) {
      throw new IllegalStateException("the settlement is compensating already: retry the step");
    }
  }

  @Override
  public DecisionReceipt decide(OperatorDecision decision) {
    this.decision = decision;
    return new DecisionReceipt(decision.action(), parked.step);
  }

  private void forward(SettlementStep step, Runnable activity) {
    forward(
        step,
        () -> {
          activity.run();
          return null;
        });
  }

  private <T> T forward(SettlementStep step, Supplier<T> activity) {
    CompensationStep inverse = CompensationStep.inverseOf(step);
    if (inverse != null) {
      // Added before the call, so a step that applied its effect and then timed out is undone.
      saga.add(inverse);
    }
    int attempts = 0;
    while (true) {
      steps.put(step, new StepView(step, StepState.RUNNING, attempts, null));
      try {
        T result = activity.get();
        steps.put(step, new StepView(step, StepState.DONE, attempts, null));
        return result;
      } catch (ActivityFailure failure) {
        Failed failed = Failed.of(failure);
        attempts += failed.attempts;
        steps.put(step, new StepView(step, StepState.FAILED, attempts, failed.message));
        if (failed.business) {
          throw new GiveUp(step.ledgerName() + " failed: " + failed.message);
        }
        OperatorDecision decided =
            park(step.ledgerName(), step.skippable(), false, attempts, failed.message);
        switch (decided.action()) {
          case RETRY -> changeStatus(SettlementStatus.RUNNING, step.ledgerName(), attempts, null);
          case SKIP -> {
            activities.skipStep(request, step);
            steps.put(step, new StepView(step, StepState.SKIPPED, attempts, failed.message));
            changeStatus(SettlementStatus.RUNNING, null, 0, null);
            return null;
          }
          case COMPENSATE ->
              throw new GiveUp(
                  "operator "
                      + decided.operator()
                      + " chose to compensate at "
                      + step.ledgerName()
                      + ": "
                      + failed.message);
        }
      }
    }
  }

  /**
   * Undoes what the saga applied, newest first, then refunds. The inverses of money steps the saga
   * never reached run first: they find nothing applied but give back what the order froze or locked
   * at order time.
   */
  private SettlementStatus compensate(String why) {
    reason = why;
    changeStatus(SettlementStatus.COMPENSATING, null, 0, null);
    List<CompensationStep> plan = new ArrayList<>();
    for (CompensationStep hold :
        List.of(
            CompensationStep.RETURN_BALANCE,
            CompensationStep.RELEASE_COUPON,
            CompensationStep.RETURN_POINTS)) {
      if (!saga.contains(hold)) {
        plan.add(hold);
      }
    }
    for (int i = saga.size() - 1; i >= 0; i--) {
      plan.add(saga.get(i));
    }
    for (CompensationStep step : plan) {
      compensation(step, () -> run(step));
    }
    compensation(CompensationStep.REFUND, () -> activities.refund(request, why));
    compensation(CompensationStep.MARK_ORDER_REFUNDED, () -> activities.markOrderRefunded(request));
    changeStatus(SettlementStatus.COMPENSATED, null, 0, null);
    return status;
  }

  private void run(CompensationStep step) {
    switch (step) {
      case MARK_ORDER_REFUNDING -> activities.markOrderRefunding(request);
      case RESTORE_STOCK -> activities.restoreStock(request);
      case RETURN_POINTS -> activities.returnPoints(request);
      case RELEASE_COUPON -> activities.releaseCoupon(request);
      case RETURN_BALANCE -> activities.returnBalance(request);
      case DECREASE_SALES -> activities.decreaseSales(request);
      case RETRACT_ORDER_PAID -> activities.retractOrderPaid(request);
      case REFUND, MARK_ORDER_REFUNDED ->
          throw new IllegalArgumentException(step + " is not an inverse");
    }
  }

  /** A late or double payment: the order stays as it is, the transaction's money goes back. */
  private SettlementStatus refundOnly(String why) {
    reason = why;
    changeStatus(SettlementStatus.COMPENSATING, null, 0, null);
    compensation(CompensationStep.REFUND, () -> activities.refund(request, why));
    changeStatus(SettlementStatus.COMPENSATED, null, 0, null);
    return status;
  }

  /** Compensations cannot give up half-way: when retries run out they park for a retry. */
  private void compensation(CompensationStep step, Runnable activity) {
    int attempts = 0;
    while (true) {
      compensations.put(step, new CompensationView(step, StepState.RUNNING, attempts, null));
      try {
        activity.run();
        compensations.put(step, new CompensationView(step, StepState.DONE, attempts, null));
        return;
      } catch (ActivityFailure failure) {
        Failed failed = Failed.of(failure);
        attempts += failed.attempts;
        compensations.put(
            step, new CompensationView(step, StepState.FAILED, attempts, failed.message));
        park(step.ledgerName(), false, true, attempts, failed.message);
        changeStatus(SettlementStatus.COMPENSATING, step.ledgerName(), attempts, null);
      }
    }
  }

  /** Waits for an operator's decision on {@code step}, whose retries ran out. */
  private OperatorDecision park(
      String step, boolean skippable, boolean compensating, int attempts, String lastError) {
    parked = new Parked(step, skippable, compensating);
    changeStatus(SettlementStatus.NEEDS_ATTENTION, step, attempts, lastError);
    Workflow.await(() -> decision != null);
    OperatorDecision decided = decision;
    decision = null;
    parked = null;
    return decided;
  }

  private void changeStatus(
      SettlementStatus newStatus, String step, int attempts, String lastError) {
    status = newStatus;
    Workflow.upsertTypedSearchAttributes(SETTLEMENT_STATUS.valueSet(newStatus.name()));
    activities.recordProgress(
        new SettlementProgress(
            request.transactionId(), newStatus, step, attempts, lastError, reason));
  }

  private record Parked(String step, boolean skippable, boolean compensating) {}

  /**
   * What a failed activity tells the workflow.
   *
   * @param business a non-retryable business failure (compensate), else transient (park)
   * @param attempts attempts the activity spent, reported by {@code AttemptReportingInterceptor}
   */
  private record Failed(boolean business, int attempts, String message) {

    private static final List<String> BUSINESS =
        List.of(
            SettlementFailures.OUT_OF_STOCK,
            SettlementFailures.COUPON_UNAVAILABLE,
            SettlementFailures.FUNDS_UNAVAILABLE,
            SettlementFailures.ORDER_INVALID);

    static Failed of(ActivityFailure failure) {
      Throwable cause = failure.getCause();
      if (cause instanceof ApplicationFailure app) {
        int attempts = 1;
        if (app.getDetails().getSize() > 0) {
          Integer reported = app.getDetails().get(Integer.class);
          attempts = reported == null ? 1 : reported;
        }
        String type = app.getType().substring(app.getType().lastIndexOf('.') + 1);
        return new Failed(
            app.isNonRetryable() || BUSINESS.contains(app.getType()),
            attempts,
            type + ": " + app.getOriginalMessage());
      }
      return new Failed(false, 1, cause == null ? failure.getMessage() : cause.getMessage());
    }
  }

  /** Carries a decision to stop settling out of the straight-line saga. */
  private static final class GiveUp extends RuntimeException {
    final String reason;

    GiveUp(String reason) {
      super(reason, null, false, false);
      this.reason = reason;
    }
  }
}
