package com.paycallback.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.ServiceTest;
import com.paycallback.db.ShopFixture;
import com.paycallback.notice.TestNotices;
import com.paycallback.shop.PlacedOrder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Temporal unreachable: the webhook answers 503 within the hand-off timeout so the gateway retries,
 * and the settlement stays recorded for the start-up re-drive. Nothing is lost.
 */
@TestPropertySource(
    properties = {
      "paycallback.embedded.temporal=false",
      "spring.temporal.connection.target=127.0.0.1:9",
      "spring.temporal.start-workers=false",
      "paycallback.settlement.redrive-on-startup=false",
      "paycallback.settlement.hand-off-timeout=1s"
    })
class HandOffUnavailableTest extends ServiceTest {

  @Test
  void noticeIsAnswered503InTimeAndKeptForTheRedrive() {
    ShopFixture shop = shop();
    String sku = shop.sku("TEA", 5000, 10);
    PlacedOrder order = shop.plainOrder(sku, 1);
    String transactionId = "GEN-DOWN-" + shop.suffix;
    byte[] body =
        TestNotices.json(TestNotices.genericNotice(transactionId, order.orderNo(), order.payable()))
            .getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = TestNotices.genericHeaders(GENERIC_SECRET, Instant.now(), body);

    Instant sent = Instant.now();
    HttpResponse<String> answer = post("/notify/generic", "application/json", headers, body);

    assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(4));
    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.body()).contains("UNAVAILABLE");
    assertThat(
            jdbc.sql("SELECT outcome FROM payment_notices WHERE transaction_id = ?")
                .param(transactionId)
                .query(String.class)
                .single())
        .isEqualTo("ERROR");
    assertThat(shop.settlementStatus(transactionId)).isEqualTo("RUNNING");
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("PENDING_PAYMENT");
    // The gateway's retry re-signs; its nonce must not have been burnt by the failed attempt.
    assertThat(genericNonceClaimed(headers.values().iterator().next())).isFalse();
  }
}
