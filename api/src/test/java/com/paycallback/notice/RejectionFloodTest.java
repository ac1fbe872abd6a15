package com.paycallback.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.ServiceTest;
import com.paycallback.db.ShopFixture;
import com.paycallback.shop.PlacedOrder;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 11, forgeries cannot starve genuine notices: a source whose notices keep failing is refused
 * with 429 before any crypto once its budget is spent, its refusals leave a bounded number of audit
 * rows, and genuine notices from the gateways' addresses are accepted throughout.
 */
class RejectionFloodTest extends ServiceTest {

  private static final String FORGER = "198.51.100.66";

  @Autowired MeterRegistry meters;
  @Autowired RejectionLimitProperties limits;

  record Answer(int status, String body) {}

  @Test
  void floodOfForgedNoticesIsThrottledWhileAGenuineNoticeIsAccepted() throws IOException {
    ShopFixture shop = shop();
    String sku = shop.sku("CUP", 1000, 5);
    PlacedOrder order = shop.plainOrder(sku, 1);
    String genuineTransaction = "GEN-FLOOD-" + shop.suffix;
    long lastNotice = lastNoticeId();
    double throttledBefore = throttledCount();

    int budget = limits.of("generic").failures();
    int flood = budget + 30;
    List<Answer> forged = new ArrayList<>();
    Answer genuine = null;
    for (int i = 0; i < flood; i++) {
      if (i == budget + 10) {
        // From an allowed gateway address behind our proxy, in the middle of the flood.
        genuine = viaProxy("10.1.2.3", paid(order, genuineTransaction), GENERIC_SECRET);
      }
      forged.add(viaProxy(FORGER, paid(order, "GEN-FORGED-" + i + shop.suffix), "not-the-secret"));
    }

    assertThat(forged.subList(0, budget)).allMatch(a -> a.status() == 403);
    assertThat(forged.subList(budget, flood))
        .allMatch(a -> a.status() == 429)
        .allMatch(a -> a.body().contains("\"code\":\"FAIL\"") && a.body().contains("THROTTLED"));
    assertThat(genuine.status()).isEqualTo(204);
    awaitSettlementStatus(genuineTransaction, "SETTLED");

    // A row for each failure that spent the budget, one for all 30 refusals after them.
    List<String> rows =
        jdbc.sql(
                "SELECT reason_code FROM payment_notices WHERE id > ? AND source_ip = ?"
                    + " ORDER BY id")
            .params(lastNotice, FORGER)
            .query(String.class)
            .list();
    assertThat(rows).hasSize(budget + 1);
    assertThat(rows.subList(0, budget)).containsOnly("IP_NOT_ALLOWED");
    assertThat(rows.get(budget)).isEqualTo("THROTTLED");
    assertThat(throttledCount() - throttledBefore).isEqualTo(30);
  }

  /**
   * A gateway's own address is verified every time: its failures never refuse its genuine notice.
   */
  @Test
  void failuresFromAnAllowlistedGatewayNeverThrottleIt() throws IOException {
    ShopFixture shop = shop();
    String sku = shop.sku("CUP", 1000, 5);
    PlacedOrder order = shop.plainOrder(sku, 1);
    String genuineTransaction = "GEN-LISTED-" + shop.suffix;

    for (int i = 0; i < limits.of("generic").failures() + 5; i++) {
      assertThat(viaProxy("10.1.9.9", paid(order, "GEN-BAD-" + i + shop.suffix), "nope").status())
          .isEqualTo(401);
    }
    assertThat(viaProxy("10.1.9.9", paid(order, genuineTransaction), GENERIC_SECRET).status())
        .isEqualTo(204);
    awaitSettlementStatus(genuineTransaction, "SETTLED");
  }

  private double throttledCount() {
    var counter =
        meters.find("paycallback.notices").tag("channel", "generic").tag("reason", "THROTTLED");
    return counter.counter() == null ? 0 : counter.counter().count();
  }

  private long lastNoticeId() {
    return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM payment_notices").query(Long.class).single();
  }

  private static byte[] paid(PlacedOrder order, String transactionId) {
    return TestNotices.json(
            TestNotices.genericNotice(transactionId, order.orderNo(), order.payable()))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A notice signed with {@code secret}, relayed by our trusted proxy for {@code client}. */
  private Answer viaProxy(String client, byte[] body, String secret) throws IOException {
    String signature =
        TestNotices.genericHeaders(secret, Instant.now(), body).values().iterator().next();
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(TRUSTED_PROXY), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(10_000);
      String head =
          "POST /notify/generic HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "Content-Type: application/json\r\nContent-Length: "
              + body.length
              + "\r\nPaycallback-Signature: "
              + signature
              + "\r\nX-Forwarded-For: "
              + client
              + "\r\nConnection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Answer(
          Integer.parseInt(response.substring(9, 12)),
          response.substring(response.indexOf("\r\n\r\n") + 4));
    }
  }
}
