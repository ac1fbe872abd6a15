package com.paycallback;

import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.db.ShopFixture;
import com.paycallback.db.TestDatabase;
import com.paycallback.notify.alipay.AlipayNotices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on its embedded default, over HTTP: the test JVM's MariaDB, Temporal's test
 * server on a free loopback port, the sandbox on, and an extra Alipay key the tests sign with.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceTest {

  /** The key tests sign "real" Alipay notices with, trusted like a configured Alipay key. */
  protected static final KeyPair ALIPAY = AlipayNotices.newKeyPair();

  /** Chosen once: the property is read by the server and by the client and must agree. */
  private static final int TEMPORAL_PORT = freePort();

  /** A read-only admin user, its password made up for this run. */
  protected static final String VIEWER = "viewer:" + java.util.UUID.randomUUID();

  protected static final String APP_ID = "2021000000000000";
  protected static final String SELLER_ID = "2088000000000000";

  protected final TestDatabase db = TestDatabase.get();
  protected final JdbcClient jdbc = db.jdbc();
  protected final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void embeddedService(DynamicPropertyRegistry registry) {
    TestDatabase db = TestDatabase.get();
    registry.add("paycallback.embedded.database", () -> "false");
    registry.add("spring.datasource.url", db::jdbcUrl);
    registry.add("spring.datasource.username", () -> db.server().username());
    registry.add("paycallback.embedded.temporal-port", () -> TEMPORAL_PORT);
    registry.add(
        "paycallback.channels.alipay.public-keys[0]",
        () -> AlipayNotices.base64(ALIPAY.getPublic()));
    registry.add("paycallback.settlement.initial-interval", () -> "100ms");
    registry.add("paycallback.settlement.maximum-interval", () -> "200ms");
    registry.add("paycallback.settlement.maximum-attempts", () -> "4");
    registry.add("paycallback.admin.users[0].username", () -> VIEWER.split(":")[0]);
    registry.add("paycallback.admin.users[0].password", () -> VIEWER.split(":")[1]);
    registry.add("paycallback.admin.users[0].role", () -> "VIEWER");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  protected ShopFixture shop() {
    return new ShopFixture(db).withBuyer();
  }

  protected HttpResponse<String> post(String path, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  protected HttpResponse<String> get(String path, String basicUser) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    if (basicUser != null) {
      request.header(
          "Authorization",
          "Basic " + java.util.Base64.getEncoder().encodeToString(basicUser.getBytes()));
    }
    return send(request.build());
  }

  protected HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  protected HttpResponse<String> postAlipay(Map<String, String> signedParams) {
    return post(
        "/notify/alipay", "application/x-www-form-urlencoded", AlipayNotices.form(signedParams));
  }

  /** Waits for the order to reach {@code status}; settlement runs after the webhook answered. */
  protected void awaitOrderStatus(String orderNo, String status) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    String current = null;
    while (Instant.now().isBefore(deadline)) {
      current =
          jdbc.sql("SELECT status FROM orders WHERE order_no = ?")
              .param(orderNo)
              .query(String.class)
              .single();
      if (status.equals(current)) {
        return;
      }
      sleepQuietly();
    }
    assertThat(current).as("status of order " + orderNo).isEqualTo(status);
  }

  protected void awaitSettlementStatus(String transactionId, String status) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    String current = null;
    while (Instant.now().isBefore(deadline)) {
      current =
          jdbc.sql("SELECT status FROM settlements WHERE transaction_id = ?")
              .param(transactionId)
              .query(String.class)
              .optional()
              .orElse(null);
      if (status.equals(current)) {
        return;
      }
      sleepQuietly();
    }
    assertThat(current).as("settlement " + transactionId).isEqualTo(status);
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  protected int count(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Integer.class).single();
  }
}
