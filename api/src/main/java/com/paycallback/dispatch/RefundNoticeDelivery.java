package com.paycallback.dispatch;

import com.paycallback.refund.RefundRequest;
import com.paycallback.settlement.PaymentSettlementWorkflow;
import com.paycallback.settlement.RefundOutcome;
import com.paycallback.worker.SettlementProperties;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Hands a verified refund notice to the settlement that asked for the refund, as a signal to the
 * workflow whose id is the refunded transaction's. The webhook answers the gateway only after the
 * signal is delivered (or cannot be, for good): the notice has no inbox of its own, the gateway's
 * retry is its durability.
 */
@Component
public class RefundNoticeDelivery implements DisposableBean {

  private final WorkflowClient client;
  private final Duration timeout;

  private final ExecutorService calls =
      Executors.newFixedThreadPool(
          4,
          runnable -> {
            Thread thread = new Thread(runnable, "refund-notice");
            thread.setDaemon(true);
            return thread;
          });

  RefundNoticeDelivery(WorkflowClient client, SettlementProperties properties) {
    this.client = client;
    this.timeout = properties.handOffTimeout();
  }

  /**
   * @param transactionId the refunded payment's transaction id: the settlement's workflow id
   * @return true when the settlement got it; false when no running settlement asked for this refund
   *     (an unknown transaction, a finished settlement, a refund made elsewhere): to be
   *     acknowledged, never retried
   * @throws RefundNoticeUndelivered when Temporal cannot take it now: the gateway should retry
   */
  public boolean deliver(String transactionId, RefundOutcome outcome) {
    if (!RefundRequest.keyOf(transactionId).equals(outcome.refundKey())) {
      return false;
    }
    Future<?> signal =
        calls.submit(
            () ->
                client
                    .newWorkflowStub(PaymentSettlementWorkflow.class, transactionId)
                    .refundNotified(outcome));
    try {
      signal.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WorkflowNotFoundException) {
        return false;
      }
      throw new RefundNoticeUndelivered(String.valueOf(e.getCause()));
    } catch (TimeoutException e) {
      signal.cancel(true);
      throw new RefundNoticeUndelivered("Temporal did not answer in " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RefundNoticeUndelivered("interrupted");
    }
  }

  @Override
  public void destroy() {
    calls.shutdownNow();
  }

  /** Temporal could not take the refund notice now. */
  public static class RefundNoticeUndelivered extends RuntimeException {
    RefundNoticeUndelivered(String message) {
      super(message);
    }
  }
}
