package com.paycallback.settlement;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Settles one paid order; the workflow id is the gateway's transaction id. */
@WorkflowInterface
public interface PaymentSettlementWorkflow {

  /** The task queue the settlement worker polls. */
  String TASK_QUEUE = "payment-settlement";

  @WorkflowMethod
  SettlementStatus settle(SettlementRequest request);

  @QueryMethod
  SettlementView view();

  /**
   * An operator's decision for the parked step. An update, not a signal, so the caller learns
   * whether the workflow accepted it: a settlement that is not parked, or a skip of a step that
   * must not be skipped, is rejected by the validator and leaves no trace in the history.
   */
  @UpdateMethod
  DecisionReceipt decide(OperatorDecision decision);

  @UpdateValidatorMethod(updateName = "decide")
  void validateDecision(OperatorDecision decision);

  /**
   * The gateway's refund notice, as the webhook verified it. A signal: the gateway is answered once
   * the notice is delivered, whatever the settlement does with it; a repeated or stale notice
   * changes nothing.
   */
  @SignalMethod
  void refundNotified(RefundOutcome outcome);
}
