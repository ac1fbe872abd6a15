package com.paycallback.dispatch;

import static com.paycallback.settlement.SettlementSearchAttributes.ORDER_NO;
import static com.paycallback.settlement.SettlementSearchAttributes.PAID_AMOUNT;
import static com.paycallback.settlement.SettlementSearchAttributes.PAYMENT_CHANNEL;
import static com.paycallback.settlement.SettlementSearchAttributes.SETTLEMENT_STATUS;

import com.paycallback.settlement.PaymentSettlementWorkflow;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.settlement.SettlementStatus;
import com.paycallback.worker.SettlementProperties;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** Starts settlement workflows; the workflow id is the gateway's transaction id. */
@Component
public class SettlementStarter implements DisposableBean {

  private final WorkflowClient client;
  private final Duration handOffTimeout;
  private final ExecutorService starts =
      Executors.newFixedThreadPool(
          16,
          runnable -> {
            Thread thread = new Thread(runnable, "settlement-start");
            thread.setDaemon(true);
            return thread;
          });

  SettlementStarter(WorkflowClient client, SettlementProperties properties) {
    this.client = client;
    this.handOffTimeout = properties.handOffTimeout();
  }

  /**
   * {@link #start} within the hand-off timeout, for webhooks that must answer the gateway in time.
   * A start still under way when the time is up may yet succeed: the gateway's retry then finds a
   * duplicate, and the settlements row is re-driven at start-up either way.
   *
   * @throws SettlementUnavailable when Temporal did not accept it in time
   */
  public boolean startWithinHandOffTimeout(SettlementRequest request) {
    Future<Boolean> started = starts.submit(() -> start(request));
    try {
      return started.get(handOffTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      started.cancel(true);
      throw new SettlementUnavailable(
          "Temporal did not accept the settlement in " + handOffTimeout);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new SettlementUnavailable(String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SettlementUnavailable("interrupted");
    }
  }

  @Override
  public void destroy() {
    starts.shutdownNow();
  }

  /** Temporal could not take the settlement now; the gateway should retry. */
  public static class SettlementUnavailable extends RuntimeException {
    SettlementUnavailable(String message) {
      super(message);
    }
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
