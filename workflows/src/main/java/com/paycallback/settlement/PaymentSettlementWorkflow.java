package com.paycallback.settlement;

import io.temporal.workflow.QueryMethod;
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
}
