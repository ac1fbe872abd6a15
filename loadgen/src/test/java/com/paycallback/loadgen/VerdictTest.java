package com.paycallback.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.loadgen.Verdict.OrderFacts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SKU = "SKU-HARNESS-1";

  @Test
  void twoOrdersSettledOnceEachPass() {
    Verdict verdict =
        judge(
            catalog(2, 0, 200, 0),
            catalog(0, 2, 220, 0),
            List.of(settled("O1", "T1", 10), settled("O2", "T2", 10)));

    assertThat(verdict.failures()).isEmpty();
    assertThat(verdict.passed()).isTrue();
    assertThat(verdict.figures()).containsEntry("settled", 2).containsEntry("acknowledged", 2);
  }

  @Test
  void stockDeductedTwiceForOneOrderFails() {
    Verdict verdict =
        judge(catalog(2, 0, 200, 0), catalog(0, 1, 210, 0), List.of(settled("O1", "T1", 10)));

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.failures()).containsExactly("stock dropped by 2, 1 orders settled");
  }

  @Test
  void acknowledgedOrderLeftPaidFails() throws Exception {
    OrderFacts paid =
        new OrderFacts(
            "O2", "T2", true, json("{\"status\":\"PAID\",\"transactionId\":\"T2\"}"), null);

    Verdict verdict =
        judge(catalog(2, 0, 200, 0), catalog(1, 1, 210, 0), List.of(settled("O1", "T1", 10), paid));

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.failures())
        .containsExactly("1 orders not settled exactly once", "O2: acknowledged, order PAID");
  }

  @Test
  void unacknowledgedUnpaidOrderIsNoFailure() throws Exception {
    OrderFacts unpaid =
        new OrderFacts("O2", "T2", false, json("{\"status\":\"PENDING_PAYMENT\"}"), null);

    Verdict verdict =
        judge(
            catalog(2, 0, 200, 0), catalog(1, 1, 210, 0), List.of(settled("O1", "T1", 10), unpaid));

    assertThat(verdict.passed()).isTrue();
  }

  @Test
  void aStepNotDoneOrACompensationFails() throws Exception {
    OrderFacts parked =
        new OrderFacts(
            "O1",
            "T1",
            true,
            json("{\"status\":\"SETTLED\",\"transactionId\":\"T1\",\"pointsEarned\":10}"),
            json(
                """
                {"status":"SETTLED","steps":[{"step":"deductStock","state":"DONE"},
                 {"step":"increaseSales","state":"SKIPPED"}],"compensations":[]}
                """));

    Verdict verdict = judge(catalog(1, 0, 200, 0), catalog(0, 1, 210, 0), List.of(parked));

    assertThat(verdict.failures())
        .containsExactly(
            "1 orders not settled exactly once",
            "O1: steps not done once: [increaseSales=SKIPPED]");
  }

  @Test
  void pointsOrBalanceMovedBeyondEarnedPointsFail() {
    Verdict verdict =
        judge(catalog(1, 0, 200, 0), catalog(0, 1, 215, 990), List.of(settled("O1", "T1", 10)));

    assertThat(verdict.failures()).hasSize(2);
    assertThat(verdict.failures().get(0)).isEqualTo("user u-bob has 215 points, expected 210");
    assertThat(verdict.failures().get(1)).startsWith("user u-bob changed beyond points");
  }

  @Test
  void scenarioFailuresAreKept() {
    Verdict verdict =
        Verdict.judge(
            "freeze",
            SKU,
            "u-bob",
            catalog(0, 0, 200, 0),
            catalog(0, 0, 200, 0),
            List.of(),
            List.of("3 answers slower than 5 s (target: none)"),
            Map.of());

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.text()).contains("FAIL", "3 answers slower than 5 s");
  }

  @Test
  void aSettlementIsMidSagaWhenEveryStepBeforeTheFaultyOneIsDone() throws Exception {
    JsonNode held =
        json(
            """
            {"status":"RUNNING","currentStep":null,"steps":[{"step":"deductStock","state":"DONE"},
             {"step":"increaseSales","state":"PENDING"}]}
            """);
    JsonNode early =
        json(
            """
            {"status":"RUNNING","steps":[{"step":"deductStock","state":"PENDING"},
             {"step":"increaseSales","state":"PENDING"}]}
            """);

    assertThat(FaultHarness.heldAt(held, "increaseSales")).isTrue();
    assertThat(FaultHarness.heldAt(early, "increaseSales")).isFalse();
  }

  private static Verdict judge(JsonNode before, JsonNode after, List<OrderFacts> orders) {
    return Verdict.judge("test", SKU, "u-bob", before, after, orders, List.of(), Map.of());
  }

  private static OrderFacts settled(String orderNo, String tx, long points) {
    try {
      return new OrderFacts(
          orderNo,
          tx,
          true,
          json(
              "{\"status\":\"SETTLED\",\"transactionId\":\""
                  + tx
                  + "\",\"pointsEarned\":"
                  + points
                  + "}"),
          json(
              """
              {"status":"SETTLED","steps":[{"step":"markOrderPaid","state":"DONE"},
               {"step":"deductStock","state":"DONE"}],"compensations":[]}
              """));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode catalog(int stock, int sales, long bobPoints, long bobFrozen) {
    try {
      return json(
          """
          {"skus":[{"skuId":"SKU-A","price":100,"stock":5,"sales":1},
                   {"skuId":"%s","price":1990,"stock":%d,"sales":%d}],
           "users":[{"userId":"u-alice","points":50,"balance":{"available":0,"frozen":0},
                     "coupons":[]},
                    {"userId":"u-bob","points":%d,"balance":{"available":0,"frozen":%d},
                     "coupons":[{"couponId":"CPN-BOB-5","discount":500,"status":"AVAILABLE"}]}]}
          """
              .formatted(SKU, stock, sales, bobPoints, bobFrozen));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }
}
