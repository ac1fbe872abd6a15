package com.paycallback.activities;

import com.paycallback.settlement.PaymentSettlementWorkflow;
import com.paycallback.settlement.PaymentSettlementWorkflowImpl;
import com.paycallback.settlement.SettlementActivityOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded histories of every path through the saga against the current workflow code: a
 * change that would break running settlements (non-determinism) fails the build. Such a change must
 * be guarded by {@code Workflow.getVersion}, and the old histories keep replaying.
 *
 * <p>The histories in {@code src/test/resources/histories} were recorded by the workflow tests
 * ({@link SagaHarness#saveHistory}, written to {@code target/recorded-histories}); add the new ones
 * after a versioned change, never replace the old ones. {@code histories/local-steps} holds the
 * same paths recorded after the saga's database steps became local activities ({@code
 * local-steps}); the histories next to it are from before.
 */
class SettlementReplayTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "settled",
        "compensated",
        "late-payment",
        "parked-then-retried",
        "parked-then-skipped",
        "parked-then-compensated",
        "refund-processing-then-notice",
        "refund-processing-then-query",
        "refund-abnormal-then-by-hand",
        "wrong-amount",
        "local-steps/settled",
        "local-steps/compensated",
        "local-steps/late-payment",
        "local-steps/parked-then-retried",
        "local-steps/parked-then-skipped",
        "local-steps/parked-then-compensated",
        "local-steps/refund-processing-then-notice",
        "local-steps/refund-processing-then-query",
        "local-steps/refund-abnormal-then-by-hand",
        "local-steps/wrong-amount"
      })
  void recordedHistoryReplaysOnTheCurrentWorkflow(String path) throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      // Registered as the worker registers it: activity options are part of the commands.
      Worker worker = env.newWorker(PaymentSettlementWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(
          WorkflowImplementationOptions.newBuilder()
              .setDefaultActivityOptions(SettlementActivityOptions.defaults())
              .setDefaultLocalActivityOptions(SettlementActivityOptions.localDefaults())
              .build(),
          PaymentSettlementWorkflowImpl.class);
      WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + path + ".json", worker);
    }
  }
}
