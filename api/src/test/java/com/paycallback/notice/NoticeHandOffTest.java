package com.paycallback.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.ServiceTest;
import com.paycallback.db.ShopFixture;
import com.paycallback.shop.PlacedOrder;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: every request leaves an audit row and a protocol answer, and ids mean exactly what they
 * say, as Temporal's workflow ids do.
 */
class NoticeHandOffTest extends ServiceTest {

  @Test
  void transactionIdLongerThanItsColumnIsMalformedNotAnEndless503() {
    ShopFixture shop = shop();
    PlacedOrder order = shop.plainOrder(shop.sku("TEA", 5000, 10), 1);
    String transactionId = "LONG-" + shop.suffix + "-" + "9".repeat(64);

    HttpResponse<String> answer = postGeneric(transactionId, order);

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("MALFORMED");
    assertThat(
            count(
                "SELECT COUNT(*) FROM payment_notices WHERE transaction_id = ? AND reason_code = ?",
                transactionId.substring(0, 64),
                "MALFORMED"))
        .isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM settlements WHERE order_no = ?", order.orderNo()))
        .isZero();
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("PENDING_PAYMENT");
  }

  @Test
  void transactionIdsDifferingOnlyInCaseAreTwoPayments() {
    ShopFixture shop = shop();
    String sku = shop.sku("TEA", 5000, 10);
    PlacedOrder first = shop.plainOrder(sku, 1);
    PlacedOrder second = shop.plainOrder(sku, 1);
    String lower = "case-" + shop.suffix;
    String upper = lower.toUpperCase();

    assertThat(postGeneric(lower, first).statusCode()).isEqualTo(204);
    assertThat(postGeneric(upper, second).statusCode()).isEqualTo(204);

    awaitSettlementStatus(lower, "SETTLED");
    awaitSettlementStatus(upper, "SETTLED");
    assertThat(shop.orderTransaction(first.orderNo())).isEqualTo(lower);
    assertThat(shop.orderTransaction(second.orderNo())).isEqualTo(upper);
    assertThat(shop.sku(sku)).containsEntry("stock", 8).containsEntry("sales", 2);
  }

  @Test
  void bodyCutOffByTheCallerIsRecordedAsOurError() throws Exception {
    int before = count("SELECT COUNT(*) FROM payment_notices WHERE reason_code = 'INTERNAL_ERROR'");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /notify/generic HTTP/1.1\r\n"
                  + "Host: 127.0.0.1\r\n"
                  + "Content-Type: application/json\r\n"
                  + "Content-Length: 400\r\n"
                  + "\r\n"
                  + "{\"transactionId\":\"ABORTED")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (count("SELECT COUNT(*) FROM payment_notices WHERE reason_code = 'INTERNAL_ERROR'")
            == before
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(count("SELECT COUNT(*) FROM payment_notices WHERE reason_code = 'INTERNAL_ERROR'"))
        .isEqualTo(before + 1);
  }

  private HttpResponse<String> postGeneric(String transactionId, PlacedOrder order) {
    byte[] body =
        TestNotices.json(TestNotices.genericNotice(transactionId, order.orderNo(), order.payable()))
            .getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = TestNotices.genericHeaders(GENERIC_SECRET, Instant.now(), body);
    return post("/notify/generic", "application/json", headers, body);
  }
}
