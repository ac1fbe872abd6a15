package com.paycallback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.ServiceTest;
import com.paycallback.db.ShopFixture;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 11's ceiling: {@code POST /sandbox/ceiling} runs the real settlement workflow with empty
 * steps on a worker of its own and reports the rate, touching no table of the shop.
 */
class CeilingTest extends ServiceTest {

  /** Every table a settlement, a notice or the sandbox's gateways write. */
  private static final String SHOP_TABLES =
      "skus, points_accounts, wallet_balances, coupons, orders, order_items, payment_notices,"
          + " settlements, settlement_steps, outbox_events, notice_nonces, refunds,"
          + " sandbox_refunds, settlement_actions, sandbox_trades, order_payment_channels";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired WorkflowClient temporal;

  @Test
  void ceilingSettlesEmptySagasOnItsOwnQueueAndTouchesNoTable() throws Exception {
    ShopFixture shop = shop();
    shop.plainOrder(shop.sku("ceiling", 1990, 5), 1);
    Map<String, Long> tablesBefore = checksums();
    // Another run's workflows close a task after its answer: none may close during this one.
    await("no ceiling workflow open", () -> Long.toString(openCeilingWorkflows()), "0"::equals);
    Set<String> ceilingBefore =
        ceilingWorkflows().stream()
            .map(workflow -> workflow.getExecution().getWorkflowId())
            .collect(Collectors.toSet());

    HttpResponse<String> answer =
        post("/sandbox/ceiling", "application/json", "{\"settlements\":12,\"concurrency\":4}");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode measured = JSON.readTree(answer.body());
    assertThat(measured.path("settlements").asInt()).isEqualTo(12);
    assertThat(measured.path("seconds").asDouble()).isPositive();
    assertThat(measured.path("perSecond").asDouble())
        .isCloseTo(12 / measured.path("seconds").asDouble(), offset(1.0));
    // The answer comes when each recorded SETTLED; the workflow closes a task after.
    await(
        "ceiling workflows closed",
        () -> Integer.toString(ceilingWorkflows().size() - ceilingBefore.size()),
        "12"::equals);
    assertThat(
            ceilingWorkflows().stream()
                .filter(
                    workflow -> !ceilingBefore.contains(workflow.getExecution().getWorkflowId())))
        .hasSize(12)
        .allSatisfy(
            workflow -> {
              assertThat(workflow.getType().getName()).isEqualTo("PaymentSettlementWorkflow");
              assertThat(
                      temporal
                          .fetchHistory(workflow.getExecution().getWorkflowId())
                          .getEvents()
                          .get(0)
                          .getWorkflowExecutionStartedEventAttributes()
                          .getTaskQueue()
                          .getName())
                  .isEqualTo(Ceiling.TASK_QUEUE);
              assertThat(workflow.getStatus())
                  .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
            });
    assertThat(checksums()).isEqualTo(tablesBefore);
  }

  @Test
  void allAtOnceIsConcurrencyZero() throws Exception {
    HttpResponse<String> answer =
        post("/sandbox/ceiling", "application/json", "{\"settlements\":6}");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).path("settlements").asInt()).isEqualTo(6);
  }

  @Test
  void badRunsAreRefusedWithAReason() {
    assertThat(post("/sandbox/ceiling", "application/json", "{\"settlements\":0}"))
        .satisfies(
            answer -> {
              assertThat(answer.statusCode()).isEqualTo(400);
              assertThat(answer.body()).contains("settlements must be 1 to");
            });
    assertThat(
            post("/sandbox/ceiling", "application/json", "{\"settlements\":3,\"concurrency\":-1}"))
        .satisfies(
            answer -> {
              assertThat(answer.statusCode()).isEqualTo(400);
              assertThat(answer.body()).contains("concurrency");
            });
  }

  private Map<String, Long> checksums() {
    return jdbc
        .sql("CHECKSUM TABLE " + SHOP_TABLES)
        .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private long openCeilingWorkflows() {
    return temporal
        .getWorkflowServiceStubs()
        .blockingStub()
        .listOpenWorkflowExecutions(
            ListOpenWorkflowExecutionsRequest.newBuilder()
                .setNamespace(temporal.getOptions().getNamespace())
                .setMaximumPageSize(1000)
                .build())
        .getExecutionsList()
        .stream()
        .filter(workflow -> workflow.getExecution().getWorkflowId().startsWith("ceiling-"))
        .count();
  }

  private List<WorkflowExecutionInfo> ceilingWorkflows() {
    return temporal
        .getWorkflowServiceStubs()
        .blockingStub()
        .listClosedWorkflowExecutions(
            ListClosedWorkflowExecutionsRequest.newBuilder()
                .setNamespace(temporal.getOptions().getNamespace())
                .setMaximumPageSize(1000)
                .build())
        .getExecutionsList()
        .stream()
        .filter(workflow -> workflow.getExecution().getWorkflowId().startsWith("ceiling-"))
        .toList();
  }
}
