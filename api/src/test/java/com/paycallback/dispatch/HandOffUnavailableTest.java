package com.paycallback.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.ServiceTest;
import com.paycallback.db.ShopFixture;
import com.paycallback.notice.TestNotices;
import com.paycallback.sandbox.SignedWechatPayNotice;
import com.paycallback.shop.PlacedOrder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Temporal unreachable (issue 9): the notice is durable once its hand-off commits, so the gateway
 * is answered at once; the settlement waits in the inbox, unstarted, for the dispatcher's sweep.
 * Nothing is lost, and the gateway is not made to retry for our outage.
 */
@TestPropertySource(
    properties = {
      "paycallback.embedded.temporal=false",
      "spring.temporal.connection.target=127.0.0.1:9",
      "spring.temporal.start-workers=false",
      "paycallback.settlement.hand-off-timeout=1s"
    })
class HandOffUnavailableTest extends ServiceTest {

  @Test
  void noticeIsAcknowledgedAndWaitsInTheInboxForTemporal() {
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
    assertThat(answer.statusCode()).isEqualTo(204);
    assertThat(
            jdbc.sql("SELECT outcome FROM payment_notices WHERE transaction_id = ?")
                .param(transactionId)
                .query(String.class)
                .single())
        .isEqualTo("ACCEPTED");
    assertThat(shop.settlementStatus(transactionId)).isEqualTo("RUNNING");
    assertThat(
            count(
                "SELECT COUNT(*) FROM settlements WHERE transaction_id = ? AND dispatched_at IS NULL",
                transactionId))
        .as("still in the inbox, unstarted")
        .isEqualTo(1);
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("PENDING_PAYMENT");
    // The claim committed with the hand-off: the same signed request again is a replay.
    assertThat(genericNonceClaimed(headers.values().iterator().next(), body)).isTrue();
  }

  /**
   * A refund notice has no inbox: it is answered once its settlement has it. With Temporal down
   * WeChat Pay is told to retry (issue 10), and its retry is not refused as a replay.
   */
  @Test
  void refundNoticeIsRefusedWithA5xxSoWechatPayRetries() {
    ShopFixture shop = shop();
    PlacedOrder order = shop.plainOrder(shop.sku("TEA", 5000, 10), 1);
    String transactionId = "4200009" + shop.suffix;
    SignedWechatPayNotice notice =
        TestNotices.wechatRefundSigned(
            MCH_ID,
            transactionId,
            order.orderNo(),
            order.payable(),
            "SUCCESS",
            WECHATPAY.getPrivate(),
            WECHATPAY_KEY_ID,
            API_V3_KEY);

    for (int i = 0; i < 2; i++) {
      HttpResponse<String> answer =
          post(
              "/notify/wechatpay/refund",
              "application/json",
              notice.headers().asMap(),
              notice.body());
      assertThat(answer.statusCode()).as("delivery " + i).isEqualTo(503);
    }
    assertThat(
            count(
                "SELECT COUNT(*) FROM payment_notices WHERE transaction_id = ?"
                    + " AND reason_code = 'UNAVAILABLE'",
                transactionId))
        .isEqualTo(2);
  }
}
