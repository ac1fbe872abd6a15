package com.paycallback.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.ServiceTest;
import com.paycallback.db.ShopFixture;
import com.paycallback.shop.PlacedOrder;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
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
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

  record Answer(int status, String body, String contentType) {}

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
   * Once its budget is spent, a source is answered 429 in the channel's failure form as soon as its
   * headers are in: the body it announced is never sent, and the answer comes all the same.
   */
  @ParameterizedTest
  @CsvSource({
    "/notify/alipay, application/x-www-form-urlencoded, 198.51.100.11, text/plain, failure, alipay",
    "/notify/wechatpay, application/json, 198.51.100.12, application/json,"
        + " '{\"code\":\"FAIL\",\"message\":\"THROTTLED\"}', wechatpay",
    "/notify/wechatpay/refund, application/json, 198.51.100.13, application/json,"
        + " '{\"code\":\"FAIL\",\"message\":\"THROTTLED\"}', wechatpay",
    "/notify/generic, application/json, 198.51.100.14, application/json,"
        + " '{\"code\":\"FAIL\",\"message\":\"THROTTLED\"}', generic"
  })
  void aThrottledSourceIsRefusedInItsChannelsFormBeforeItsBodyArrives(
      String path,
      String contentType,
      String forger,
      String answerType,
      String answerBody,
      String channel)
      throws IOException {
    long lastNotice = lastNoticeId();
    byte[] junk = "not a notice".getBytes(StandardCharsets.UTF_8);
    try (ProxiedConnection connection = new ProxiedConnection(forger)) {
      for (int i = 0; i < limits.of(channel).failures(); i++) {
        assertThat(connection.send(path, contentType, "", junk, true).status()).isEqualTo(403);
      }
      // Headers announcing a body that never comes: only an answer that reads none can arrive.
      Answer refused = connection.send(path, contentType, "", new byte[512], false);

      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.contentType()).startsWith(answerType);
      assertThat(refused.body()).isEqualTo(answerBody);
    }
    List<String> rows =
        jdbc.sql(
                "SELECT CONCAT(channel, ' ', reason_code, ' ', payload_ciphertext IS NULL)"
                    + " FROM payment_notices WHERE id > ? AND source_ip = ? ORDER BY id")
            .params(lastNotice, forger)
            .query(String.class)
            .list();
    assertThat(rows).hasSize(limits.of(channel).failures() + 1);
    assertThat(rows.get(rows.size() - 1)).isEqualTo(channel + " THROTTLED 1");
  }

  /**
   * A throttled source is refused before any verification: its genuine notice gets 429 and settles
   * nothing, and the refusals, bodies unread, leave its keep-alive connection usable. A gateway's
   * address is verified all the while.
   */
  @Test
  void aThrottledSourcesGenuineNoticeIsRefusedUnverifiedOnAConnectionThatStaysUsable()
      throws IOException {
    ShopFixture shop = shop();
    String sku = shop.sku("CUP", 1000, 5);
    PlacedOrder order = shop.plainOrder(sku, 1);
    String forger = "198.51.100.21";
    String refusedTransaction = "GEN-UNVERIFIED-" + shop.suffix;
    String genuineTransaction = "GEN-LISTED-AFTER-" + shop.suffix;
    byte[] junk = "{}".getBytes(StandardCharsets.UTF_8);

    List<Integer> statuses = new ArrayList<>();
    try (ProxiedConnection connection = new ProxiedConnection(forger)) {
      for (int i = 0; i < limits.of("generic").failures(); i++) {
        connection.send("/notify/generic", "application/json", "", junk, true);
      }
      byte[] genuine = paid(order, refusedTransaction);
      for (int i = 0; i < 3; i++) {
        statuses.add(
            connection
                .send(
                    "/notify/generic",
                    "application/json",
                    signatureHeader(genuine, GENERIC_SECRET),
                    genuine,
                    true)
                .status());
      }
    }

    assertThat(statuses).containsExactly(429, 429, 429);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM settlements WHERE transaction_id = ?")
                .param(refusedTransaction)
                .query(Integer.class)
                .single())
        .isZero();
    assertThat(viaProxy("10.1.2.4", paid(order, genuineTransaction), GENERIC_SECRET).status())
        .isEqualTo(204);
    awaitSettlementStatus(genuineTransaction, "SETTLED");
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

  private static String signatureHeader(byte[] body, String secret) {
    return "Paycallback-Signature: "
        + TestNotices.genericHeaders(secret, Instant.now(), body).values().iterator().next()
        + "\r\n";
  }

  /** A keep-alive connection from our trusted proxy, relaying for one client address. */
  private final class ProxiedConnection implements AutoCloseable {
    private final String client;
    private final Socket socket = new Socket();
    private final InputStream in;
    private final OutputStream out;

    ProxiedConnection(String client) throws IOException {
      this.client = client;
      socket.bind(new InetSocketAddress(InetAddress.getByName(TRUSTED_PROXY), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(10_000);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    }

    /** Sends the headers, and the body only if asked to; reads one whole answer. */
    Answer send(String path, String contentType, String headers, byte[] body, boolean sendBody)
        throws IOException {
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
              + contentType
              + "\r\nContent-Length: "
              + body.length
              + "\r\n"
              + headers
              + "X-Forwarded-For: "
              + client
              + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      if (sendBody) {
        out.write(body);
      }
      out.flush();
      int status = Integer.parseInt(line().substring(9, 12));
      int length = 0;
      boolean chunked = false;
      String type = null;
      for (String header = line(); !header.isEmpty(); header = line()) {
        String name = header.substring(0, header.indexOf(':')).toLowerCase(Locale.ROOT);
        String value = header.substring(header.indexOf(':') + 1).trim();
        if (name.equals("content-length")) {
          length = Integer.parseInt(value);
        } else if (name.equals("transfer-encoding")) {
          chunked = value.contains("chunked");
        } else if (name.equals("content-type")) {
          type = value;
        }
      }
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      if (chunked) {
        for (int chunk = Integer.parseInt(line(), 16);
            chunk > 0;
            chunk = Integer.parseInt(line(), 16)) {
          answer.writeBytes(in.readNBytes(chunk));
          line();
        }
        line();
      } else {
        answer.writeBytes(in.readNBytes(length));
      }
      return new Answer(status, answer.toString(StandardCharsets.UTF_8), type);
    }

    private String line() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c == -1) {
          throw new IOException("connection closed mid-answer");
        }
        line.write(c);
      }
      return line.toString(StandardCharsets.US_ASCII).stripTrailing();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
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
          response.substring(response.indexOf("\r\n\r\n") + 4),
          null);
    }
  }
}
