package com.paycallback.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The verdict every scenario ends with (issue 9): every acknowledged notice's order SETTLED exactly
 * once — its own transaction, each saga step done once, no compensation — stock and sales of the
 * harness's SKU moved by exactly the number of settled orders, no acknowledged order left
 * unsettled, and nothing else changed: other SKUs, other users, the buyer's coupons and balance
 * untouched, the buyer's points moved only by the settled orders' earned points.
 */
record Verdict(
    String scenario, boolean passed, List<String> failures, Map<String, Object> figures) {

  /** What the harness knows about one order at the end. */
  record OrderFacts(
      String orderNo, String transactionId, boolean acked, JsonNode view, JsonNode settlement) {

    boolean settled() {
      return view != null && "SETTLED".equals(view.path("status").asText());
    }
  }

  /** Per-order failures beyond this many are counted, not listed. */
  static final int LISTED = 20;

  static Verdict judge(
      String scenario,
      String sku,
      String buyer,
      JsonNode before,
      JsonNode after,
      List<OrderFacts> orders,
      List<String> scenarioFailures,
      Map<String, Object> figures) {
    List<String> failures = new ArrayList<>(scenarioFailures);
    List<String> orderFailures = new ArrayList<>();
    int acked = 0;
    int settled = 0;
    long pointsEarned = 0;
    for (OrderFacts order : orders) {
      if (order.acked()) {
        acked++;
      }
      if (order.settled()) {
        settled++;
        pointsEarned += order.view().path("pointsEarned").asLong();
      }
      String problem = problem(order);
      if (problem != null) {
        orderFailures.add(order.orderNo() + ": " + problem);
      }
    }
    if (!orderFailures.isEmpty()) {
      failures.add(orderFailures.size() + " orders not settled exactly once");
      failures.addAll(orderFailures.subList(0, Math.min(LISTED, orderFailures.size())));
    }

    JsonNode skuBefore = sku(before, sku);
    JsonNode skuAfter = sku(after, sku);
    if (skuBefore == null || skuAfter == null) {
      failures.add("SKU " + sku + " missing from the catalogue");
    } else {
      long stockDrop = skuBefore.path("stock").asLong() - skuAfter.path("stock").asLong();
      long salesRise = skuAfter.path("sales").asLong() - skuBefore.path("sales").asLong();
      if (stockDrop != settled) {
        failures.add("stock dropped by " + stockDrop + ", " + settled + " orders settled");
      }
      if (salesRise != settled) {
        failures.add("sales rose by " + salesRise + ", " + settled + " orders settled");
      }
    }
    for (JsonNode other : before.path("skus")) {
      String id = other.path("skuId").asText();
      if (!id.equals(sku) && !other.equals(sku(after, id))) {
        failures.add("SKU " + id + " changed: " + other + " -> " + sku(after, id));
      }
    }
    for (JsonNode user : before.path("users")) {
      String id = user.path("userId").asText();
      JsonNode now = user(after, id);
      if (now == null) {
        failures.add("user " + id + " disappeared");
        continue;
      }
      long expectedPoints = user.path("points").asLong() + (id.equals(buyer) ? pointsEarned : 0);
      if (now.path("points").asLong() != expectedPoints) {
        failures.add(
            "user "
                + id
                + " has "
                + now.path("points").asLong()
                + " points, expected "
                + expectedPoints);
      }
      ObjectNode userRest = user.deepCopy();
      ObjectNode nowRest = now.deepCopy();
      userRest.remove("points");
      nowRest.remove("points");
      if (!userRest.equals(nowRest)) {
        failures.add("user " + id + " changed beyond points: " + userRest + " -> " + nowRest);
      }
    }

    Map<String, Object> all = new LinkedHashMap<>();
    all.put("orders", orders.size());
    all.put("acknowledged", acked);
    all.put("settled", settled);
    all.putAll(figures);
    return new Verdict(scenario, failures.isEmpty(), List.copyOf(failures), all);
  }

  /**
   * Why an order breaks the promise, or null when it keeps it. An order never acknowledged may stay
   * unpaid; if it settled anyway (its answer was lost), it must have settled exactly once too.
   */
  static String problem(OrderFacts order) {
    if (!order.acked() && !order.settled()) {
      return null;
    }
    if (order.view() == null) {
      return "acknowledged but unknown to the sandbox";
    }
    if (!order.settled()) {
      return "acknowledged, order " + order.view().path("status").asText();
    }
    String paidBy = order.view().path("transactionId").asText(null);
    if (!Objects.equals(paidBy, order.transactionId())) {
      return "settled by " + paidBy + ", not by " + order.transactionId();
    }
    JsonNode settlement = order.settlement();
    if (settlement == null) {
      return "no settlement for " + order.transactionId();
    }
    if (!"SETTLED".equals(settlement.path("status").asText())) {
      return "settlement " + settlement.path("status").asText();
    }
    List<String> notDone = new ArrayList<>();
    for (JsonNode step : settlement.path("steps")) {
      if (!"DONE".equals(step.path("state").asText())) {
        notDone.add(step.path("step").asText() + "=" + step.path("state").asText());
      }
    }
    if (settlement.path("steps").isEmpty()) {
      notDone.add("no steps");
    }
    if (!notDone.isEmpty()) {
      return "steps not done once: " + notDone;
    }
    if (!settlement.path("compensations").isEmpty()) {
      return "compensations ran: " + settlement.path("compensations");
    }
    return null;
  }

  private static JsonNode sku(JsonNode catalog, String id) {
    for (JsonNode sku : catalog.path("skus")) {
      if (id.equals(sku.path("skuId").asText())) {
        return sku;
      }
    }
    return null;
  }

  private static JsonNode user(JsonNode catalog, String id) {
    for (JsonNode user : catalog.path("users")) {
      if (id.equals(user.path("userId").asText())) {
        return user;
      }
    }
    return null;
  }

  String text() {
    StringBuilder text = new StringBuilder();
    text.append("VERDICT ").append(scenario).append(": ").append(passed ? "PASS" : "FAIL");
    text.append('\n');
    figures.forEach((k, v) -> text.append("  ").append(k).append(": ").append(v).append('\n'));
    for (String failure : failures) {
      text.append("  FAILED: ").append(failure).append('\n');
    }
    return text.toString();
  }
}
