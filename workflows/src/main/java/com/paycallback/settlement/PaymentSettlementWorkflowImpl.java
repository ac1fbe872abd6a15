package com.paycallback.settlement;

import static com.paycallback.settlement.SettlementSearchAttributes.ORDER_NO;
import static com.paycallback.settlement.SettlementSearchAttributes.PAID_AMOUNT;
import static com.paycallback.settlement.SettlementSearchAttributes.PAYMENT_CHANNEL;
import static com.paycallback.settlement.SettlementSearchAttributes.SETTLEMENT_STATUS;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
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

  /**
   * {@code Workflow.getVersion} change id: a refund the gateway answered PROCESSING is awaited
   * until the gateway confirms it (notice or query); ABNORMAL or CLOSED parks it for an operator.
   * Before it, the gateway's acceptance counted as the refund.
   */
  static final String REFUND_CONFIRMED = "refund-confirmed";

  /**
   * {@code Workflow.getVersion} change id: the short database steps (forward steps, their inverses
   * and the bookkeeping) run as local activities, in the worker that runs the workflow, each still
   * recorded in the history (a marker with its result), retried by the same rules and idempotent
   * through the ledger. A happy settlement then takes one workflow task instead of one round trip
   * through Temporal per step. The gateway calls (refund, refund query) stay activities: they may
   * be slow, and their retries may last days. Before it, every step was an activity.
   */
  static final String LOCAL_STEPS = "local-steps";

  /**
   * How long a processing refund waits for the gateway's notice before the saga asks, doubling up
   * to {@link #LAST_REFUND_QUERY}: WeChat Pay completes most refunds within minutes, some take
   * days, and its notice usually comes first.
   */
  static final Duration FIRST_REFUND_QUERY = Duration.ofMinutes(1);

  static final Duration LAST_REFUND_QUERY = Duration.ofHours(1);

  /** The gateway calls: activities, whatever the version. */
  private final SettlementActivities activities =
      Workflow.newActivityStub(SettlementActivities.class);

  /**
   * Progress and skips retry until the database answers: a settlement parks or waits, it never
   * fails (a failed workflow would leave its row saying RUNNING and nobody to finish it).
   */
  private final SettlementActivities bookkeeping =
      Workflow.newActivityStub(SettlementActivities.class, SettlementActivityOptions.untilDone());

  /** The short database steps as local activities, from {@link #LOCAL_STEPS} on. */
  private final SettlementActivities localSteps =
      Workflow.newLocalActivityStub(SettlementActivities.class);

  /** The saga's database steps and inverses: {@link #localSteps} or, before it, activities. */
  private SettlementActivities shortSteps;

  private final Map<SettlementStep, StepView> steps = new EnumMap<>(SettlementStep.class);
  private final Map<CompensationStep, CompensationView> compensations = new LinkedHashMap<>();
  private final Saga saga = new Saga();

  private SettlementRequest request;
  private SettlementStatus status = SettlementStatus.RUNNING;
  private String reason;
  private Parked parked;
  private OperatorDecision decision;

  /** The refund's status as the saga knows it, once the gateway answered the refund. */
  private String refundStatus;

  /** A final refund outcome the gateway notified that the saga has not acted on yet. */
  private RefundOutcome notified;

  public PaymentSettlementWorkflowImpl() {
    for (SettlementStep step : SettlementStep.values()) {
      steps.put(step, new StepView(step, StepState.PENDING, 0, null));
    }
  }

  @Override
  public SettlementStatus settle(SettlementRequest request) {
    this.request = request;
    boolean local =
        Workflow.getVersion(LOCAL_STEPS, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
    shortSteps = local ? localSteps : activities;
    Workflow.upsertTypedSearchAttributes(
        ORDER_NO.valueSet(request.orderNo()),
        PAYMENT_CHANNEL.valueSet(request.channel()),
        PAID_AMOUNT.valueSet(request.paidAmount()),
        SETTLEMENT_STATUS.valueSet(status.name()));
    // The order froze balance and points and locked its coupon when it was placed: a saga that
    // gives up before the step consuming them still gives them back.
    saga.releaseHold(CompensationStep.RETURN_BALANCE, () -> shortSteps.returnBalance(request));
    saga.releaseHold(CompensationStep.RELEASE_COUPON, () -> shortSteps.releaseCoupon(request));
    saga.releaseHold(CompensationStep.RETURN_POINTS, () -> shortSteps.returnPoints(request));
    try {
      // Each inverse is registered before its call, so a step that applied its effect and then
      // timed out is undone too.
      saga.add(CompensationStep.MARK_ORDER_REFUNDING, () -> shortSteps.markOrderRefunding(request));
      MarkPaidOutcome outcome =
          forward(SettlementStep.MARK_ORDER_PAID, () -> shortSteps.markOrderPaid(request));
      if (!outcome.settles()) {
        // A late or double payment: nothing of this order is ours to apply or undo; the money of
        // this transaction goes back.
        return refundOnly(outcome.name());
      }
      saga.add(CompensationStep.RESTORE_STOCK, () -> shortSteps.restoreStock(request));
      forward(SettlementStep.DEDUCT_STOCK, () -> shortSteps.deductStock(request));
      saga.add(CompensationStep.RETURN_POINTS, () -> shortSteps.returnPoints(request));
      forward(SettlementStep.SETTLE_POINTS, () -> shortSteps.settlePoints(request));
      saga.add(CompensationStep.RELEASE_COUPON, () -> shortSteps.releaseCoupon(request));
      forward(SettlementStep.REDEEM_COUPON, () -> shortSteps.redeemCoupon(request));
      saga.add(CompensationStep.RETURN_BALANCE, () -> shortSteps.returnBalance(request));
      forward(SettlementStep.UNFREEZE_BALANCE, () -> shortSteps.unfreezeBalance(request));
      saga.add(CompensationStep.DECREASE_SALES, () -> shortSteps.decreaseSales(request));
      forward(SettlementStep.INCREASE_SALES, () -> shortSteps.increaseSales(request));
      saga.add(CompensationStep.RETRACT_ORDER_PAID, () -> shortSteps.retractOrderPaid(request));
      forward(SettlementStep.PUBLISH_ORDER_PAID, () -> shortSteps.publishOrderPaid(request));
      forward(SettlementStep.MARK_ORDER_SETTLED, () -> shortSteps.markOrderSettled(request));
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
    if (decision.action() == OperatorAction.REFUNDED_BY_HAND && !parked.refundFailed) {
      throw new IllegalStateException(
          "only a refund the gateway did not complete can be recorded as made by hand");
    }
  }

  @Override
  public void refundNotified(RefundOutcome outcome) {
    // Only a final word that changes what the saga knows: a repeated notice, or one about
    // another refund than ours, changes nothing.
    if (outcome != null
        && RefundOutcome.isFinal(outcome.status())
        && !outcome.status().equals(refundStatus)
        && (notified == null || !outcome.status().equals(notified.status()))) {
      notified = outcome;
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
    return untilDone(new Stage(step, null), activity);
  }

  /** Compensations cannot give up half-way: when retries run out they park for a retry. */
  private void compensation(CompensationStep step, Runnable activity) {
    untilDone(
        new Stage(null, step),
        () -> {
          activity.run();
          return null;
        });
  }

  /**
   * Runs a step or a compensation until it is done. A business failure of a forward step gives up
   * (compensation follows); any other failure whose retries ran out parks the settlement until an
   * operator decides: retry, skip (skippable steps only) or compensate (forward steps only).
   */
  private <T> T untilDone(Stage stage, Supplier<T> activity) {
    int attempts = 0;
    while (true) {
      show(stage, StepState.RUNNING, attempts, null);
      try {
        T result = activity.get();
        show(stage, StepState.DONE, attempts, null);
        return result;
      } catch (ActivityFailure failure) {
        Failed failed = Failed.of(failure);
        attempts += failed.attempts;
        show(stage, StepState.FAILED, attempts, failed.message);
        if (failed.business && !stage.compensating()) {
          throw new GiveUp(stage.ledgerName() + " failed: " + failed.message);
        }
        OperatorDecision decided = park(stage, attempts, failed.message);
        switch (decided.action()) {
          case RETRY ->
              changeStatus(
                  stage.compensating() ? SettlementStatus.COMPENSATING : SettlementStatus.RUNNING,
                  stage.ledgerName(),
                  attempts,
                  null);
          case SKIP -> {
            bookkeeping.skipStep(request, stage.step());
            show(stage, StepState.SKIPPED, attempts, failed.message);
            changeStatus(SettlementStatus.RUNNING, null, 0, null);
            return null;
          }
          case COMPENSATE ->
              throw new GiveUp(
                  "operator "
                      + decided.operator()
                      + " chose to compensate at "
                      + stage.ledgerName()
                      + ": "
                      + failed.message);
        }
      }
    }
  }

  private void show(Stage stage, StepState state, int attempts, String lastError) {
    if (stage.compensating()) {
      compensations.put(
          stage.compensation(),
          new CompensationView(stage.compensation(), state, attempts, lastError));
    } else {
      steps.put(stage.step(), new StepView(stage.step(), state, attempts, lastError));
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
    for (Compensation undo : saga.plan()) {
      compensation(undo.step(), undo.activity());
    }
    refund(why);
    compensation(CompensationStep.MARK_ORDER_REFUNDED, () -> shortSteps.markOrderRefunded(request));
    changeStatus(SettlementStatus.COMPENSATED, null, 0, null);
    return status;
  }

  /** A late or double payment: the order stays as it is, the transaction's money goes back. */
  private SettlementStatus refundOnly(String why) {
    reason = why;
    changeStatus(SettlementStatus.COMPENSATING, null, 0, null);
    refund(why);
    changeStatus(SettlementStatus.COMPENSATED, null, 0, null);
    return status;
  }

  /**
   * Refunds the paid amount through the gateway and, from {@link #REFUND_CONFIRMED} on, returns
   * only once the gateway confirmed it: at once, by its refund notice, or by the answer to a query
   * when no notice came, whichever is first. A refund the gateway did not complete parks until an
   * operator records it as made by hand (or has the gateway asked again), or a later notice
   * confirms it.
   */
  private void refund(String why) {
    Stage stage = new Stage(null, CompensationStep.REFUND);
    if (Workflow.getVersion(REFUND_CONFIRMED, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      untilDone(stage, () -> activities.refund(request, why));
      return;
    }
    refundStatus = untilDone(stage, () -> activities.refund(request, why));
    Duration untilQuery = FIRST_REFUND_QUERY;
    while (!RefundOutcome.SUCCESS.equals(refundStatus)
        && !RefundOutcome.BY_HAND.equals(refundStatus)) {
      if (notified != null) {
        RefundOutcome notice = notified;
        notified = null;
        bookkeeping.recordRefundOutcome(request, notice.status(), "NOTICE");
        refundStatus = notice.status();
      } else if (RefundOutcome.failed(refundStatus)) {
        refundStatus = parkFailedRefund(stage);
      } else {
        String waiting = "the gateway is processing the refund (" + refundStatus + ")";
        show(stage, StepState.RUNNING, 0, waiting);
        changeStatus(SettlementStatus.COMPENSATING, stage.ledgerName(), 0, waiting);
        if (!Workflow.await(untilQuery, () -> notified != null)) {
          refundStatus = askGateway(stage);
          untilQuery = untilQuery.multipliedBy(2);
          if (untilQuery.compareTo(LAST_REFUND_QUERY) > 0) {
            untilQuery = LAST_REFUND_QUERY;
          }
        }
      }
    }
    show(stage, StepState.DONE, 0, null);
  }

  /**
   * The gateway's current word on the refund; when it cannot be asked now, what the saga knew: a
   * notice or the next query will tell.
   */
  private String askGateway(Stage stage) {
    try {
      return activities.queryRefund(request);
    } catch (ActivityFailure failure) {
      show(stage, StepState.RUNNING, 0, "refund query failed: " + Failed.of(failure).message);
      return refundStatus;
    }
  }

  /**
   * Parks a refund the gateway did not complete until an operator decides or the gateway notifies
   * otherwise; returns the refund's status after that.
   */
  private String parkFailedRefund(Stage stage) {
    String failedWith = "the gateway did not complete the refund: " + refundStatus;
    show(stage, StepState.FAILED, 0, failedWith);
    parked = new Parked(stage.ledgerName(), false, true, true);
    changeStatus(SettlementStatus.NEEDS_ATTENTION, stage.ledgerName(), 0, failedWith);
    Workflow.await(() -> decision != null || notified != null);
    OperatorDecision decided = decision;
    decision = null;
    parked = null;
    changeStatus(SettlementStatus.COMPENSATING, stage.ledgerName(), 0, null);
    if (decided == null) {
      return refundStatus;
    }
    if (decided.action() == OperatorAction.REFUNDED_BY_HAND) {
      bookkeeping.recordRefundOutcome(
          request, RefundOutcome.BY_HAND, "operator " + decided.operator());
      return RefundOutcome.BY_HAND;
    }
    return askGateway(stage);
  }

  /** Waits for an operator's decision on {@code stage}, whose retries ran out. */
  private OperatorDecision park(Stage stage, int attempts, String lastError) {
    parked = new Parked(stage.ledgerName(), stage.skippable(), stage.compensating(), false);
    changeStatus(SettlementStatus.NEEDS_ATTENTION, stage.ledgerName(), attempts, lastError);
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
    bookkeeping.recordProgress(
        new SettlementProgress(
            request.transactionId(), newStatus, step, attempts, lastError, reason));
  }

  /** A forward step or, when {@code compensation} is set, a compensation. */
  private record Stage(SettlementStep step, CompensationStep compensation) {
    boolean compensating() {
      return compensation != null;
    }

    String ledgerName() {
      return compensating() ? compensation.ledgerName() : step.ledgerName();
    }

    boolean skippable() {
      return !compensating() && step.skippable();
    }
  }

  /**
   * @param refundFailed a refund the gateway did not complete: it may be recorded as made by hand
   */
  private record Parked(
      String step, boolean skippable, boolean compensating, boolean refundFailed) {}

  private record Compensation(CompensationStep step, Runnable activity) {}

  /**
   * The compensations registered so far, in the spirit of Temporal's booking saga: each added right
   * before the call it undoes, run newest first. The releases of the order's holds run before them,
   * each unless its inverse was registered (its step was reached).
   */
  private static final class Saga {
    private final List<Compensation> holds = new ArrayList<>();
    private final List<Compensation> registered = new ArrayList<>();

    void releaseHold(CompensationStep step, Runnable activity) {
      holds.add(new Compensation(step, activity));
    }

    void add(CompensationStep step, Runnable activity) {
      registered.add(new Compensation(step, activity));
    }

    List<Compensation> plan() {
      List<Compensation> plan = new ArrayList<>();
      for (Compensation hold : holds) {
        if (registered.stream().noneMatch(undo -> undo.step() == hold.step())) {
          plan.add(hold);
        }
      }
      for (int i = registered.size() - 1; i >= 0; i--) {
        plan.add(registered.get(i));
      }
      return plan;
    }
  }

  /**
   * What a failed activity tells the workflow.
   *
   * @param business a non-retryable business failure (compensate), else transient (park)
   * @param attempts attempts the activity spent, reported by {@code AttemptReportingInterceptor}
   */
  private record Failed(boolean business, int attempts, String message) {

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
            app.isNonRetryable() || SettlementFailures.BUSINESS.contains(app.getType()),
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
