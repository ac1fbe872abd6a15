package com.paycallback.settlement;

import static com.paycallback.settlement.SettlementSearchAttributes.ORDER_NO;
import static com.paycallback.settlement.SettlementSearchAttributes.PAID_AMOUNT;
import static com.paycallback.settlement.SettlementSearchAttributes.PAYMENT_CHANNEL;
import static com.paycallback.settlement.SettlementSearchAttributes.SETTLEMENT_STATUS;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import org.springframework.stereotype.Component;

/** Starts settlement workflows; the workflow id is the gateway's transaction id. */
@Component
public class SettlementStarter {

  private final WorkflowClient client;

  SettlementStarter(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Starts the settlement unless a workflow with this transaction id exists already.
   *
   * @return true when this call started it, false when it was started before (a duplicate)
   */
  public boolean start(SettlementRequest request) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(request.transactionId())
            .setTaskQueue(PaymentSettlementWorkflow.TASK_QUEUE)
            // A transaction settles once: even a finished workflow's id is never reused.
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder()
                    .set(ORDER_NO, request.orderNo())
                    .set(PAYMENT_CHANNEL, request.channel())
                    .set(PAID_AMOUNT, request.paidAmount())
                    .set(SETTLEMENT_STATUS, SettlementStatus.RUNNING.name())
                    .build())
            .build();
    PaymentSettlementWorkflow workflow =
        client.newWorkflowStub(PaymentSettlementWorkflow.class, options);
    try {
      WorkflowClient.start(workflow::settle, request);
      return true;
    } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
      return false;
    }
  }
}
