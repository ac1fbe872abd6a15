package com.paycallback.dispatch;

import static com.paycallback.settlement.SettlementSearchAttributes.ORDER_NO;
import static com.paycallback.settlement.SettlementSearchAttributes.PAID_AMOUNT;
import static com.paycallback.settlement.SettlementSearchAttributes.PAYMENT_CHANNEL;
import static com.paycallback.settlement.SettlementSearchAttributes.SETTLEMENT_STATUS;

import com.paycallback.settlement.PaymentSettlementWorkflow;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.settlement.SettlementStatus;
import com.paycallback.worker.SettlementProperties;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Talks to Temporal about settlements: starts them (workflow id = the gateway's transaction id),
 * restarts one whose workflow ended unfinished, and asks how a workflow stands. Every call is
 * bounded by the hand-off timeout: the SDK would otherwise retry an unreachable server for a minute
 * while the dispatcher's claim on the inbox rows waits.
 */
@Component
public class SettlementStarter implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(SettlementStarter.class);

  /** How a workflow may end without its settlement finishing; an operator can restart these. */
  private static final Set<WorkflowExecutionStatus> ENDED_UNFINISHED =
      Set.of(
          WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED,
          WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED,
          WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT,
          WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);

  private final WorkflowClient client;
  private final Duration handOffTimeout;

  /** Calls to Temporal in flight at once. */
  private static final int PARALLEL_CALLS = 8;

  private final ExecutorService calls =
      Executors.newFixedThreadPool(
          PARALLEL_CALLS,
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
   * Starts the settlement unless a workflow with this transaction id runs or ran already: a
   * transaction settles once, so even a finished run's id is not reused here.
   *
   * @return true when this call started it, false when it was started before
   * @throws SettlementUnavailable when Temporal did not accept it in time
   */
  public boolean start(SettlementRequest request) {
    return bounded(
        () -> start(request, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE));
  }

  /**
   * Starts several settlements at once, each as {@link #start} does, within one hand-off timeout
   * per round of {@link #PARALLEL_CALLS} starts.
   *
   * @return the transaction ids whose workflow now exists (started now or before); the others could
   *     not be started and wait for the next sweep
   */
  public List<String> startAll(List<SettlementRequest> requests) {
    List<Future<Boolean>> starts =
        requests.stream()
            .map(
                request ->
                    calls.submit(
                        () ->
                            start(
                                request,
                                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)))
            .toList();
    long rounds = (requests.size() + PARALLEL_CALLS - 1) / PARALLEL_CALLS;
    long deadline = System.nanoTime() + handOffTimeout.toNanos() * Math.max(1, rounds);
    List<String> started = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      try {
        starts.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        started.add(requests.get(i).transactionId());
      } catch (TimeoutException | ExecutionException e) {
        starts.get(i).cancel(true);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (started.size() < requests.size()) {
      log.warn(
          "{} of {} settlements not started, the next sweep retries",
          requests.size() - started.size(),
          requests.size());
    }
    return started;
  }

  /**
   * A new run of a settlement whose workflow ended without finishing (failed, terminated, timed
   * out). Temporal refuses it after a completed run, so a settled transaction is never re-run.
   *
   * @return false when Temporal refused: the workflow is running or completed
   */
  public boolean restart(SettlementRequest request) {
    return bounded(
        () ->
            start(
                request,
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY));
  }

  /** How Temporal says the settlement's latest run stands; empty when it has no such workflow. */
  public Optional<WorkflowExecutionStatus> status(String transactionId) {
    return bounded(
        () -> {
          try {
            return Optional.of(
                client
                    .getWorkflowServiceStubs()
                    .blockingStub()
                    .describeWorkflowExecution(
                        DescribeWorkflowExecutionRequest.newBuilder()
                            .setNamespace(client.getOptions().getNamespace())
                            .setExecution(
                                WorkflowExecution.newBuilder().setWorkflowId(transactionId))
                            .build())
                    .getWorkflowExecutionInfo()
                    .getStatus());
          } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  /** Whether a workflow in {@code status} ended without finishing its settlement. */
  public static boolean endedUnfinished(WorkflowExecutionStatus status) {
    return ENDED_UNFINISHED.contains(status);
  }

  /**
   * How a settlement's workflow is started: its id is the transaction id, its search attributes
   * name the order, channel and amount.
   */
  public static WorkflowOptions options(
      SettlementRequest request, String taskQueue, WorkflowIdReusePolicy reuse) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(request.transactionId())
        .setTaskQueue(taskQueue)
        .setWorkflowIdReusePolicy(reuse)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(ORDER_NO, request.orderNo())
                .set(PAYMENT_CHANNEL, request.channel())
                .set(PAID_AMOUNT, request.paidAmount())
                .set(SETTLEMENT_STATUS, SettlementStatus.RUNNING.name())
                .build())
        .build();
  }

  private boolean start(SettlementRequest request, WorkflowIdReusePolicy reuse) {
    PaymentSettlementWorkflow workflow =
        client.newWorkflowStub(
            PaymentSettlementWorkflow.class,
            options(request, PaymentSettlementWorkflow.TASK_QUEUE, reuse));
    try {
      WorkflowClient.start(workflow::settle, request);
      return true;
    } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
      return false;
    }
  }

  private <T> T bounded(Callable<T> call) {
    Future<T> result = calls.submit(call);
    try {
      return result.get(handOffTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      throw new SettlementUnavailable("Temporal did not answer in " + handOffTimeout);
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
    calls.shutdownNow();
  }

  /** Temporal could not take the call now; the dispatcher's next sweep tries again. */
  public static class SettlementUnavailable extends RuntimeException {
    SettlementUnavailable(String message) {
      super(message);
    }
  }
}
