package com.paycallback.admin;

import com.paycallback.settlement.DecisionReceipt;
import com.paycallback.settlement.OperatorAction;
import com.paycallback.settlement.OperatorDecision;
import com.paycallback.settlement.PaymentSettlementWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import org.springframework.stereotype.Component;

/** Delivers operators' decisions to parked settlements as workflow updates. */
@Component
class SettlementOperator {

  private final WorkflowClient client;

  SettlementOperator(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Hands the decision to the settlement's workflow and waits for its verdict.
   *
   * @throws DecisionRejected when the workflow is not parked, refuses the action (a skip of a step
   *     that must not be skipped) or is not running at all
   */
  public DecisionReceipt decide(String transactionId, OperatorAction action, String operator) {
    PaymentSettlementWorkflow workflow =
        client.newWorkflowStub(PaymentSettlementWorkflow.class, transactionId);
    try {
      return workflow.decide(new OperatorDecision(action, operator));
    } catch (WorkflowUpdateException rejected) {
      throw new DecisionRejected(rootMessage(rejected));
    } catch (WorkflowNotFoundException notRunning) {
      throw new DecisionRejected("the settlement's workflow is not running");
    }
  }

  private static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    // ApplicationFailure messages read "message='…', type='…'": keep the operator's part.
    int start = message == null ? -1 : message.indexOf("message='");
    if (start >= 0) {
      int end = message.indexOf("', type=", start);
      return end > start ? message.substring(start + 9, end) : message;
    }
    return message;
  }

  /** The workflow did not accept a decision; the reason says why. */
  public static class DecisionRejected extends RuntimeException {
    public DecisionRejected(String reason) {
      super(reason);
    }
  }
}
