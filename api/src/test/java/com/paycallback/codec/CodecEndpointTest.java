package com.paycallback.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import com.paycallback.ServiceTest;
import com.paycallback.db.ShopFixture;
import com.paycallback.notice.TestNotices;
import com.paycallback.shop.PlacedOrder;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 12: Temporal holds settlements encrypted, and only an operator reads them, through the
 * codec endpoint Temporal UI calls from the operator's browser.
 */
class CodecEndpointTest extends ServiceTest {

  private static final String UI_ORIGIN = "http://localhost:8233";
  private static final String OPERATOR = "admin:admin";

  @Autowired WorkflowClient client;

  @Test
  void historyHoldsNoOrderNumberInClearAndTheCodecEndpointDecodesWhatTheWorkerWrote()
      throws Exception {
    ShopFixture shop = shop();
    PlacedOrder order = shop.plainOrder(shop.sku("TEA", 5000, 10), 1);
    String transactionId = "GEN-CODEC-" + shop.suffix;
    settle(transactionId, order);

    History history = client.fetchHistory(transactionId).getHistory();
    // Search attributes stay readable by design: Temporal must index them (OrderNo is how
    // operators search). Every payload is encrypted.
    History.Builder payloadsOnly = history.toBuilder();
    for (HistoryEvent.Builder event : payloadsOnly.getEventsBuilderList()) {
      if (event.hasWorkflowExecutionStartedEventAttributes()) {
        event.getWorkflowExecutionStartedEventAttributesBuilder().clearSearchAttributes();
      }
      if (event.hasUpsertWorkflowSearchAttributesEventAttributes()) {
        event.clearUpsertWorkflowSearchAttributesEventAttributes();
      }
    }
    assertThat(payloadsOnly.build().toString())
        .contains(EncryptingPayloadCodec.ENCODING)
        .doesNotContain(order.orderNo());

    Payloads input = history.getEvents(0).getWorkflowExecutionStartedEventAttributes().getInput();
    HttpResponse<String> decoded =
        codec("/codec/decode", JsonFormat.printer().print(input), OPERATOR);
    assertThat(decoded.statusCode()).isEqualTo(200);
    assertThat(dataOf(decoded.body())).contains(order.orderNo()).contains(transactionId);

    HttpResponse<String> encoded = codec("/codec/encode", decoded.body(), OPERATOR);
    assertThat(encoded.statusCode()).isEqualTo(200);
    assertThat(dataOf(codec("/codec/decode", encoded.body(), OPERATOR).body()))
        .isEqualTo(dataOf(decoded.body()));
  }

  @Test
  void decodingNeedsAnOperator() {
    String payloads = "{\"payloads\":[]}";

    assertThat(codec("/codec/decode", payloads, null).statusCode()).isEqualTo(401);
    assertThat(codec("/codec/decode", payloads, VIEWER).statusCode()).isEqualTo(403);
    assertThat(codec("/codec/decode", payloads, OPERATOR).statusCode()).isEqualTo(200);
  }

  @Test
  void theUisPreflightIsAnsweredForItsOriginOnly() {
    HttpResponse<String> preflight = preflight(UI_ORIGIN);
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(UI_ORIGIN);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");

    assertThat(preflight("https://evil.example").statusCode()).isEqualTo(403);
  }

  private void settle(String transactionId, PlacedOrder order) {
    byte[] body =
        TestNotices.json(TestNotices.genericNotice(transactionId, order.orderNo(), order.payable()))
            .getBytes(StandardCharsets.UTF_8);
    assertThat(
            post(
                    "/notify/generic",
                    "application/json",
                    TestNotices.genericHeaders(GENERIC_SECRET, Instant.now(), body),
                    body)
                .statusCode())
        .isEqualTo(204);
    awaitSettlementStatus(transactionId, "SETTLED");
  }

  private HttpResponse<String> codec(String path, String payloads, String basicUser) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .header("Origin", UI_ORIGIN)
            .header("X-Namespace", "default")
            .POST(HttpRequest.BodyPublishers.ofString(payloads));
    if (basicUser != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(basicUser.getBytes(StandardCharsets.UTF_8)));
    }
    return send(request.build());
  }

  private HttpResponse<String> preflight(String origin) {
    return send(
        HttpRequest.newBuilder(uri("/codec/decode"))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,x-namespace")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .build());
  }

  /** The payloads' data, decoded from the codec's JSON. */
  private static String dataOf(String json) throws Exception {
    Payloads.Builder payloads = Payloads.newBuilder();
    JsonFormat.parser().merge(json, payloads);
    StringBuilder data = new StringBuilder();
    payloads.getPayloadsList().forEach(p -> data.append(p.getData().toStringUtf8()));
    return data.toString();
  }
}
