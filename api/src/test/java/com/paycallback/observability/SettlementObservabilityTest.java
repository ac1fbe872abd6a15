package com.paycallback.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.paycallback.ServiceTest;
import com.paycallback.db.ShopFixture;
import com.paycallback.notice.NoticePipeline;
import com.paycallback.notice.TestNotices;
import com.paycallback.shop.PlacedOrder;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * Issue 12: what an SRE sees of a settlement. Metrics are served on the management port only; log
 * lines of the pipeline and of the saga's steps carry the settlement's ids in the MDC.
 */
class SettlementObservabilityTest extends ServiceTest {

  @LocalManagementPort int managementPort;

  private final ListAppender<ILoggingEvent> stepLog = new ListAppender<>();
  private final ListAppender<ILoggingEvent> pipelineLog = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    attach(StepObservingInterceptor.class, stepLog);
    attach(NoticePipeline.class, pipelineLog);
  }

  @AfterEach
  void releaseLogs() {
    ((Logger) LoggerFactory.getLogger(StepObservingInterceptor.class)).detachAppender(stepLog);
    ((Logger) LoggerFactory.getLogger(NoticePipeline.class)).detachAppender(pipelineLog);
  }

  @Test
  void prometheusOnTheManagementPortExposesTheSettlementSeries() {
    String transactionId = settleOneOrder();

    String metrics = scrapeUntil("temporal_activity_execution_latency_seconds_count");
    assertThat(metrics)
        .containsPattern(series("paycallback_notices_total", "channel=\"generic\""))
        .containsPattern(series("paycallback_notices_total", "outcome=\"ACCEPTED\""))
        .containsPattern(series("paycallback_notice_answer_seconds_bucket", "le=\"5.0\""))
        .containsPattern(series("paycallback_settlements", "status=\"SETTLED\""))
        .containsPattern(series("paycallback_settlements_parked", ""))
        .containsPattern(series("paycallback_inbox_depth", ""))
        .containsPattern(series("paycallback_inbox_age_seconds", ""))
        .containsPattern(series("temporal_activity_execution_latency_seconds_count", ""))
        .doesNotContain(transactionId);

    HttpResponse<String> webhookPort =
        send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build());
    assertThat(webhookPort.statusCode()).isNotEqualTo(200);
    assertThat(webhookPort.body()).doesNotContain("paycallback_notices_total");
  }

  @Test
  void aFailedStepAndTheRefundThatFollowsAreCounted() {
    ShopFixture shop = shop();
    PlacedOrder order = shop.plainOrder(shop.sku("TEA", 5000, 10), 1);
    String transactionId = "GEN-FAIL-" + shop.suffix;
    // A business failure of this order's sales step only: the saga compensates and refunds.
    assertThat(
            post(
                    "/sandbox/faults",
                    "application/json",
                    "{\"step\":\"increaseSales\",\"mode\":\"PERMANENT\",\"orderNo\":\""
                        + order.orderNo()
                        + "\"}")
                .statusCode())
        .isEqualTo(201);
    try {
      assertThat(postGeneric(transactionId, order.orderNo(), order.payable()).statusCode())
          .isEqualTo(204);
      awaitSettlementStatus(transactionId, "COMPENSATED");
    } finally {
      send(HttpRequest.newBuilder(uri("/sandbox/faults/increaseSales")).DELETE().build());
    }

    assertThat(scrapeUntil("paycallback_refunds_total"))
        .containsPattern(series("paycallback_step_failures_total", "step=\"increaseSales\""))
        .containsPattern(series("paycallback_refunds_total", "outcome=\"requested\""));
  }

  @Test
  void logLinesOfASettledNoticeCarryItsTransactionId() {
    String transactionId = settleOneOrder();

    // The settlement row turns SETTLED inside the last step, just before the step logs it.
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (settledLines(transactionId).isEmpty() && Instant.now().isBefore(deadline)) {
      sleep();
    }
    assertThat(settledLines(transactionId))
        .extracting(ILoggingEvent::getFormattedMessage)
        .isNotEmpty();
  }

  private List<ILoggingEvent> settledLines(String transactionId) {
    return List.copyOf(stepLog.list).stream()
        .filter(event -> event.getFormattedMessage().endsWith(" settled"))
        .filter(
            event -> transactionId.equals(event.getMDCPropertyMap().get(LogContext.TRANSACTION_ID)))
        .toList();
  }

  @Test
  void aRejectedNoticesLogLineCarriesTheIdsItClaimed() {
    ShopFixture shop = shop();
    String orderNo = "PO-NOT-OURS-" + shop.suffix;
    String transactionId = "GEN-LOG-" + shop.suffix;

    assertThat(postGeneric(transactionId, orderNo, 5000).statusCode()).isEqualTo(400);

    List<ILoggingEvent> rejected =
        pipelineLog.list.stream()
            .filter(event -> event.getFormattedMessage().contains("UNKNOWN_ORDER"))
            .filter(event -> event.getFormattedMessage().contains(transactionId))
            .toList();
    assertThat(rejected).isNotEmpty();
    assertThat(rejected.get(0).getMDCPropertyMap())
        .containsEntry(LogContext.TRANSACTION_ID, transactionId)
        .containsEntry(LogContext.ORDER_NO, orderNo)
        .containsEntry(LogContext.CHANNEL, "generic");
  }

  /** A sample line of the series whose labels include the given one. */
  private static String series(String name, String label) {
    return "(?m)^" + name + "\\{[^}]*" + Pattern.quote(label) + "[^}]*\\} ";
  }

  private String settleOneOrder() {
    ShopFixture shop = shop();
    PlacedOrder order = shop.plainOrder(shop.sku("TEA", 5000, 10), 1);
    String transactionId = "GEN-OBS-" + shop.suffix;
    assertThat(postGeneric(transactionId, order.orderNo(), order.payable()).statusCode())
        .isEqualTo(204);
    awaitSettlementStatus(transactionId, "SETTLED");
    return transactionId;
  }

  private HttpResponse<String> postGeneric(String transactionId, String orderNo, long amount) {
    byte[] body =
        TestNotices.json(TestNotices.genericNotice(transactionId, orderNo, amount))
            .getBytes(StandardCharsets.UTF_8);
    return post(
        "/notify/generic",
        "application/json",
        TestNotices.genericHeaders(GENERIC_SECRET, Instant.now(), body),
        body);
  }

  /** Temporal's SDK reports into the registry every 10 s: waits for its series to appear. */
  private String scrapeUntil(String expected) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    String metrics;
    do {
      HttpResponse<String> answer =
          send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                  .GET()
                  .build());
      assertThat(answer.statusCode()).isEqualTo(200);
      metrics = answer.body();
      if (metrics.contains(expected)) {
        return metrics;
      }
      sleep();
    } while (Instant.now().isBefore(deadline));
    return metrics;
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void attach(Class<?> source, ListAppender<ILoggingEvent> appender) {
    appender.start();
    ((Logger) LoggerFactory.getLogger(source)).addAppender(appender);
  }
}
