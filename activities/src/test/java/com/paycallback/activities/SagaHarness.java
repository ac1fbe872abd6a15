package com.paycallback.activities;

import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.db.TestDatabase;
import com.paycallback.inbox.SettlementRecords;
import com.paycallback.ledger.StepLedger;
import com.paycallback.refund.SandboxRefundGateway;
import com.paycallback.settlement.PaymentSettlementWorkflow;
import com.paycallback.settlement.PaymentSettlementWorkflowImpl;
import com.paycallback.settlement.SettlementActivities;
import com.paycallback.settlement.SettlementActivityOptions;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.settlement.SettlementSearchAttributes;
import com.paycallback.settlement.SettlementStatus;
import com.paycallback.settlement.SettlementView;
import com.paycallback.shop.PlacedOrder;
import com.paycallback.shop.ShopOrders;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A fresh Temporal test environment with the settlement worker as production wires it (short
 * retries: five attempts, 10 ms doubling), and helpers to run settlements against the test
 * database.
 */
final class SagaHarness implements AutoCloseable {

  /** Where tests leave the histories they recorded; see {@code SettlementReplayTest}. */
  static final Path RECORDED_HISTORIES = Path.of("target", "recorded-histories");

  /** The marker a local activity leaves in the history. */
  static final String LOCAL_ACTIVITY_MARKER = "LocalActivity";

  final TestWorkflowEnvironment env;
  private final TestDatabase db;

  SagaHarness(TestDatabase db) {
    this.db = db;
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new AttemptReportingInterceptor())
                        .build())
                .build());
    SettlementSearchAttributes.ALL.forEach(
        key -> env.registerSearchAttribute(key.getName(), key.getValueType()));
  }

  SettlementActivitiesImpl realActivities() {
    return new SettlementActivitiesImpl(
        db.jdbc(),
        new StepLedger(db.jdbc(), db.transactions()),
        new ShopOrders(db.jdbc(), db.transactions()),
        new SettlementRecords(db.jdbc(), db.transactions()),
        List.of(new SandboxRefundGateway(db.jdbc())));
  }

  void startWorker(SettlementActivities activities) {
    Worker worker = env.newWorker(PaymentSettlementWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        WorkflowImplementationOptions.newBuilder()
            .setDefaultActivityOptions(
                SettlementActivityOptions.of(5, Duration.ofMillis(10), Duration.ofMillis(100)))
            .setDefaultLocalActivityOptions(
                SettlementActivityOptions.local(5, Duration.ofMillis(10), Duration.ofMillis(100)))
            .build(),
        PaymentSettlementWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
  }

  /** Records the settlements row as the notice pipeline does and builds the workflow input. */
  SettlementRequest request(String transactionId, PlacedOrder order, String channel) {
    SettlementRequest request = workflowInput(transactionId, order, channel);
    db.jdbc()
        .sql(
            """
            INSERT INTO settlements (transaction_id, channel, order_no, amount, currency, paid_at,
                                     status)
            VALUES (?, ?, ?, ?, 'CNY', CURRENT_TIMESTAMP(3), 'RUNNING')
            """)
        .params(transactionId, channel, order.orderNo(), order.payable())
        .update();
    return request;
  }

  /** The workflow input of an Alipay payment of {@code order}, as the pipeline builds it. */
  SettlementRequest workflowInput(String transactionId, PlacedOrder order) {
    return workflowInput(transactionId, order, "alipay");
  }

  private static SettlementRequest workflowInput(
      String transactionId, PlacedOrder order, String channel) {
    return new SettlementRequest(
        channel,
        transactionId,
        order.orderNo(),
        order.payable(),
        "CNY",
        Instant.parse("2026-11-25T08:00:00Z"),
        "payer-digest");
  }

  SettlementStatus settle(String transactionId, PlacedOrder order) {
    return newStub(transactionId).settle(request(transactionId, order, "alipay"));
  }

  /** Starts the settlement without waiting for it. */
  void start(String transactionId, PlacedOrder order) {
    WorkflowClient.start(newStub(transactionId)::settle, request(transactionId, order, "alipay"));
  }

  /**
   * Starts the settlement of a payment as the pipeline recorded it, which need not fit its order (a
   * wrong amount or currency), without waiting for it.
   */
  void start(SettlementRequest payment) {
    db.jdbc()
        .sql(
            """
            INSERT INTO settlements (transaction_id, channel, order_no, amount, currency, paid_at,
                                     status)
            VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP(3), 'RUNNING')
            """)
        .params(
            payment.transactionId(),
            payment.channel(),
            payment.orderNo(),
            payment.paidAmount(),
            payment.currency())
        .update();
    WorkflowClient.start(newStub(payment.transactionId())::settle, payment);
  }

  private PaymentSettlementWorkflow newStub(String transactionId) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            PaymentSettlementWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(transactionId)
                .setTaskQueue(PaymentSettlementWorkflow.TASK_QUEUE)
                .build());
  }

  PaymentSettlementWorkflow workflow(String transactionId) {
    return env.getWorkflowClient().newWorkflowStub(PaymentSettlementWorkflow.class, transactionId);
  }

  /** The settlement's result once the workflow has finished. */
  SettlementStatus result(String transactionId) {
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(transactionId)
        .getResult(SettlementStatus.class);
  }

  /** Polls the query until the settlement reaches {@code status}. */
  SettlementView awaitStatus(String transactionId, SettlementStatus status) {
    Instant deadline = Instant.now().plusSeconds(30);
    SettlementView view = workflow(transactionId).view();
    while (view.status() != status && Instant.now().isBefore(deadline)) {
      pause();
      view = workflow(transactionId).view();
    }
    assertThat(view.status()).as("settlement " + transactionId).isEqualTo(status);
    return view;
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The {@code SettlementStatus} search attribute as Temporal UI would show it. */
  String searchStatus(String transactionId) {
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(transactionId)
        .describe()
        .getTypedSearchAttributes()
        .get(SettlementSearchAttributes.SETTLEMENT_STATUS);
  }

  /** Leaves the history under {@link #RECORDED_HISTORIES} for refreshing the replay resources. */
  /**
   * How often the workflow called {@code activityType}, as an activity or as a local activity (a
   * marker in the history).
   */
  int activityCalls(String transactionId, String activityType) {
    return (int)
        env.getWorkflowClient().fetchHistory(transactionId).getEvents().stream()
            .filter(event -> activityType.equals(calledActivity(event)))
            .count();
  }

  /** Workflow tasks completed in the settlement's history. */
  int workflowTasks(String transactionId) {
    return (int)
        env.getWorkflowClient().fetchHistory(transactionId).getEvents().stream()
            .filter(HistoryEvent::hasWorkflowTaskCompletedEventAttributes)
            .count();
  }

  private static String calledActivity(HistoryEvent event) {
    if (event.hasActivityTaskScheduledEventAttributes()) {
      return event.getActivityTaskScheduledEventAttributes().getActivityType().getName();
    }
    if (event.hasMarkerRecordedEventAttributes()
        && LOCAL_ACTIVITY_MARKER.equals(event.getMarkerRecordedEventAttributes().getMarkerName())) {
      Payloads type = event.getMarkerRecordedEventAttributes().getDetailsOrThrow("type");
      return DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
          0, Optional.of(type), String.class, String.class);
    }
    return null;
  }

  void saveHistory(String name, String transactionId) {
    try {
      Files.createDirectories(RECORDED_HISTORIES);
      Files.writeString(
          RECORDED_HISTORIES.resolve(name + ".json"),
          env.getWorkflowClient().fetchHistory(transactionId).toJson(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    env.close();
  }
}
