package com.paycallback.activities;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.ledger.StepResult;
import com.paycallback.settlement.CompensationStep;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.settlement.SettlementStep;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code outbox_events}: the order-paid event, and its retraction when compensated. */
class OutboxSteps {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcClient jdbc;
  private final LedgeredSteps steps;

  OutboxSteps(JdbcClient jdbc, LedgeredSteps steps) {
    this.jdbc = jdbc;
    this.steps = steps;
  }

  void publishOrderPaid(SettlementRequest request) {
    steps.forward(
        request,
        SettlementStep.PUBLISH_ORDER_PAID,
        () -> {
          Map<String, Object> event = new LinkedHashMap<>();
          event.put("orderNo", request.orderNo());
          event.put("transactionId", request.transactionId());
          event.put("channel", request.channel());
          event.put("amount", request.paidAmount());
          event.put("currency", request.currency());
          event.put("paidAt", request.paidAt().toString());
          jdbc.sql(
                  """
                  INSERT INTO outbox_events (event_key, event_type, aggregate_id, payload)
                  VALUES (?, 'OrderPaid', ?, ?)
                  """)
              .params("OrderPaid:" + request.transactionId(), request.orderNo(), toJson(event))
              .update();
          return StepResult.DONE;
        });
  }

  void retractOrderPaid(SettlementRequest request) {
    steps.inverse(
        request,
        CompensationStep.RETRACT_ORDER_PAID,
        order -> {
          Map<String, Object> event = new LinkedHashMap<>();
          event.put("orderNo", request.orderNo());
          event.put("transactionId", request.transactionId());
          event.put("reason", "settlement compensated: the payment is refunded");
          jdbc.sql(
                  """
                  INSERT INTO outbox_events (event_key, event_type, aggregate_id, payload)
                  VALUES (?, 'OrderPaidRetracted', ?, ?)
                  """)
              .params(
                  "OrderPaidRetracted:" + request.transactionId(), request.orderNo(), toJson(event))
              .update();
          return StepResult.DONE;
        },
        null);
  }

  private static String toJson(Map<String, Object> event) {
    try {
      return JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise outbox event", e);
    }
  }
}
