package com.paycallback.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.ServiceTest;
import com.paycallback.db.ShopFixture;
import com.paycallback.inbox.SettlementRecords;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.shop.PlacedOrder;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 9: the dispatcher starts every inbox row exactly once, whatever stopped it before (a crash
 * between the hand-off and the start, a Temporal that forgot its workflows), and a settlement whose
 * workflow ended unfinished waits for an operator's restart instead of hanging in RUNNING.
 */
class SettlementDispatcherTest extends ServiceTest {

  private static final String OPERATOR = "admin:admin";

  @Autowired SettlementDispatcher dispatcher;
  @Autowired SettlementStarter starter;
  @Autowired WorkflowClient temporal;
  @Autowired SettlementRecords inbox;

  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void clearFaults() {
    send(HttpRequest.newBuilder(uri("/sandbox/faults/increaseSales")).DELETE().build());
  }

  @Test
  void inboxRowLeftUnstartedByACrashIsStartedByTheSweepAndSettlesOnce() {
    ShopFixture shop = shop();
    String sku = shop.sku("TEA", 12800, 4);
    PlacedOrder order = shop.fullOrder(sku, 1);
    String transactionId = "CRASH-" + shop.suffix;
    // What the hand-off had committed when the process died, before the workflow was started.
    shop.recordSettlement(transactionId, "generic", order);

    dispatcher.sweep();

    awaitSettlementStatus(transactionId, "SETTLED");
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("SETTLED");
    assertThat(shop.sku(sku)).containsEntry("stock", 3).containsEntry("sales", 1);
    assertThat(dispatchedAt(transactionId)).isNotNull();
    dispatcher.sweep();
    assertThat(shop.outboxEvents(order.orderNo(), "OrderPaid")).isEqualTo(1);
    assertThat(shop.sku(sku)).containsEntry("stock", 3).containsEntry("sales", 1);
  }

  @Test
  void copiesArrivingBeforeTheFirstStartIsRecordedStartTheSettlementOnce() {
    ShopFixture shop = shop();
    String sku = shop.sku("TEA", 12800, 4);
    PlacedOrder order = shop.fullOrder(sku, 1);
    String transactionId = "STORM-" + shop.suffix;
    shop.recordSettlement(transactionId, "generic", order);
    SettlementRequest request = inbox.find(transactionId).orElseThrow().toRequest();

    // Twenty copies of one notice, each handed off before the first copy's start was recorded.
    int queued = 0;
    for (int i = 0; i < 20; i++) {
      queued += dispatcher.dispatch(request) ? 1 : 0;
    }

    awaitSettlementStatus(transactionId, "SETTLED");
    // One start queued; a second at most, if the first finished within the loop.
    assertThat(queued).isBetween(1, 2);
    assertThat(shop.outboxEvents(order.orderNo(), "OrderPaid")).isEqualTo(1);
  }

  @Test
  void settlementTemporalForgotIsStartedAgainAndSettlesOnce() {
    ShopFixture shop = shop();
    String sku = shop.sku("TEA", 12800, 4);
    PlacedOrder order = shop.fullOrder(sku, 1);
    String transactionId = "FORGOT-" + shop.suffix;
    // Dispatched long ago to an embedded Temporal that has since restarted and knows nothing.
    shop.recordSettlement(transactionId, "generic", order);
    jdbc.sql(
            """
            UPDATE settlements SET dispatched_at = TIMESTAMPADD(DAY, -1, CURRENT_TIMESTAMP(3))
             WHERE transaction_id = ?
            """)
        .param(transactionId)
        .update();

    SettlementDispatcher.Sweep sweep = dispatcher.sweep();

    assertThat(sweep.forgotten()).isGreaterThanOrEqualTo(1);
    awaitSettlementStatus(transactionId, "SETTLED");
    assertThat(shop.sku(sku)).containsEntry("stock", 3).containsEntry("sales", 1);
    assertThat(shop.outboxEvents(order.orderNo(), "OrderPaid")).isEqualTo(1);
  }

  @Test
  void terminatedWorkflowNeedsAttentionAndTheOperatorsRestartSettlesIt() throws Exception {
    ShopFixture shop = shop();
    String sku = shop.sku("TEA", 12800, 4);
    PlacedOrder order = shop.fullOrder(sku, 1);
    String transactionId = "TERM-" + shop.suffix;
    injectFault(order.orderNo());
    shop.recordSettlement(transactionId, "generic", order);
    dispatcher.sweep();
    awaitSettlementStatus(transactionId, "NEEDS_ATTENTION");
    assertThat(postAs("/admin/settlements/" + transactionId + "/restart", OPERATOR).statusCode())
        .as("a parked, running workflow is retried, not restarted")
        .isEqualTo(409);

    // An operator terminates it in Temporal UI: today's settlement row would say nothing of it.
    temporal.newUntypedWorkflowStub(transactionId).terminate("terminated from the UI");
    age(transactionId);
    assertThat(dispatcher.sweep().ended()).isGreaterThanOrEqualTo(1);

    JsonNode parked = json.readTree(get("/admin/settlements/" + transactionId, VIEWER).body());
    assertThat(parked.get("status").asText()).isEqualTo("NEEDS_ATTENTION");
    assertThat(parked.get("lastError").asText()).contains("TERMINATED");
    assertThat(starter.status(transactionId))
        .contains(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);

    assertThat(postAs("/admin/settlements/" + transactionId + "/restart", VIEWER).statusCode())
        .isEqualTo(403);
    clearFaults();
    HttpResponse<String> restarted =
        postAs("/admin/settlements/" + transactionId + "/restart", OPERATOR);
    assertThat(restarted.statusCode()).isEqualTo(200);
    assertThat(json.readTree(restarted.body()).get("action").asText()).isEqualTo("RESTART");

    awaitSettlementStatus(transactionId, "SETTLED");
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("SETTLED");
    assertThat(shop.sku(sku)).containsEntry("stock", 3).containsEntry("sales", 1);
    assertThat(shop.outboxEvents(order.orderNo(), "OrderPaid")).isEqualTo(1);
    assertThat(
            count(
                "SELECT COUNT(*) FROM settlement_steps WHERE transaction_id = ? AND step = ?",
                transactionId,
                "deductStock"))
        .isEqualTo(1);
    assertThat(postAs("/admin/settlements/" + transactionId + "/restart", OPERATOR).statusCode())
        .as("a settled transaction is never run again")
        .isEqualTo(409);
  }

  /** As if the sweep had last asked Temporal about this settlement long ago. */
  private void age(String transactionId) {
    jdbc.sql(
            """
            UPDATE settlements
               SET dispatched_at = TIMESTAMPADD(DAY, -1, CURRENT_TIMESTAMP(3)), checked_at = NULL
             WHERE transaction_id = ?
            """)
        .param(transactionId)
        .update();
  }

  private Object dispatchedAt(String transactionId) {
    return jdbc.sql("SELECT dispatched_at FROM settlements WHERE transaction_id = ?")
        .param(transactionId)
        .query()
        .singleValue();
  }

  private void injectFault(String orderNo) {
    HttpResponse<String> injected =
        post(
            "/sandbox/faults",
            "application/json",
            """
            {"step":"increaseSales","mode":"UNTIL_CLEARED","orderNo":"%s"}
            """
                .formatted(orderNo));
    assertThat(injected.statusCode()).isEqualTo(201);
  }
}
