package com.paycallback;

import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.db.ShopFixture;
import com.paycallback.db.TestDatabase;
import com.paycallback.gateway.alipay.AlipayNotices;
import com.paycallback.gateway.generic.HmacSigner;
import com.paycallback.gateway.wechatpay.WechatPayTestKeys;
import com.paycallback.sandbox.WechatPaySandboxKeys;
import com.paycallback.settlement.SettlementStatus;
import com.paycallback.shop.PlacedOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on its embedded default, over HTTP: the test JVM's MariaDB, Temporal's test
 * server on a free loopback port, the sandbox on, and an extra Alipay key the tests sign with.
 * Metrics are exported as in production (Spring Boot's tests switch exporters off otherwise).
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceTest {

  /** The key tests sign "real" Alipay notices with, trusted like a configured Alipay key. */
  protected static final KeyPair ALIPAY = AlipayNotices.newKeyPair();

  /** Chosen once: the property is read by the server and by the client and must agree. */
  private static final int TEMPORAL_PORT = freePort();

  /** The key tests sign WeChat Pay notices with, trusted under {@link #WECHATPAY_KEY_ID}. */
  protected static final KeyPair WECHATPAY = WechatPaySandboxKeys.generateRsaKeyPair();

  protected static final String WECHATPAY_KEY_ID = "PUB_KEY_ID_0100000000TEST";

  /** A platform certificate (certificate mode), trusted by its serial. */
  protected static final KeyPair WECHATPAY_CERT_KEY = WechatPaySandboxKeys.generateRsaKeyPair();

  protected static final X509Certificate WECHATPAY_CERT =
      WechatPayTestKeys.selfSignedCertificate(
          WECHATPAY_CERT_KEY, "Tenpay.com Root CA", Instant.now(), Duration.ofDays(30));

  protected static final String API_V3_KEY =
      new String(WechatPayTestKeys.randomApiV3Key(), StandardCharsets.US_ASCII);
  protected static final String MCH_ID = "1900000109";
  protected static final String WECHAT_APP_ID = "wxd678efh567hg6787";

  /** Generic channel secrets: the current one and the one being rotated out. */
  protected static final String GENERIC_SECRET = randomAlphanumeric(40);

  protected static final String GENERIC_OLD_SECRET = randomAlphanumeric(40);

  /** Notices are allowed from loopback 127.0.0.1 and 10.1/16; 127.0.0.3 is our proxy. */
  protected static final String TRUSTED_PROXY = "127.0.0.3";

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
    // In-process: one JVM less per test context (TestServerProcessTest and the load generator's
    // smoke test run the embedded default's own JVM for it).
    registry.add("paycallback.embedded.temporal-heap", () -> "");
    registry.add(
        "paycallback.channels.alipay.public-keys[0]",
        () -> AlipayNotices.base64(ALIPAY.getPublic()));
    registry.add(
        "paycallback.channels.wechatpay.public-keys[" + WECHATPAY_KEY_ID + "]",
        () -> WechatPaySandboxKeys.toPem(WECHATPAY.getPublic()));
    registry.add(
        "paycallback.channels.wechatpay.platform-certificates[0]",
        () -> WechatPaySandboxKeys.toPem(WECHATPAY_CERT));
    registry.add("paycallback.channels.wechatpay.api-v3-key", () -> API_V3_KEY);
    registry.add("paycallback.channels.wechatpay.mch-id", () -> MCH_ID);
    registry.add("paycallback.channels.wechatpay.app-id", () -> WECHAT_APP_ID);
    registry.add("paycallback.channels.generic.secrets[0]", () -> GENERIC_SECRET);
    registry.add("paycallback.channels.generic.secrets[1]", () -> GENERIC_OLD_SECRET);
    registry.add("paycallback.trusted-proxies[0]", () -> TRUSTED_PROXY + "/32");
    for (String channel : new String[] {"alipay", "wechatpay", "generic"}) {
      registry.add("paycallback.channels." + channel + ".allowed-ips[0]", () -> "127.0.0.1/32");
      registry.add("paycallback.channels." + channel + ".allowed-ips[1]", () -> "10.1.0.0/16");
    }
    registry.add("paycallback.settlement.initial-interval", () -> "100ms");
    registry.add("paycallback.settlement.maximum-interval", () -> "200ms");
    registry.add("paycallback.settlement.maximum-attempts", () -> "4");
    // One sweep at start-up; tests that need another call the dispatcher themselves.
    registry.add("paycallback.settlement.sweep-interval", () -> "1h");
    // The reconciler sweeps only when a test asks it to.
    registry.add("paycallback.reconciliation.sweep-interval", () -> "1h");
    registry.add("paycallback.admin.users[0].username", () -> VIEWER.split(":")[0]);
    registry.add("paycallback.admin.users[0].password", () -> VIEWER.split(":")[1]);
    registry.add("paycallback.admin.users[0].role", () -> "VIEWER");
  }

  private static String randomAlphanumeric(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    SecureRandom random = new SecureRandom();
    StringBuilder value = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      value.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return value.toString();
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
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** A notice as a gateway posts it: raw bytes and the gateway's headers. */
  protected HttpResponse<String> post(
      String path, String contentType, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return send(request.build());
  }

  protected HttpResponse<String> get(String path, String basicUser) {
    return send(as(basicUser, HttpRequest.newBuilder(uri(path)).GET()).build());
  }

  /** An admin action: a POST without a body, as {@code user:password} or anonymously (null). */
  protected HttpResponse<String> postAs(String path, String basicUser) {
    return send(
        as(
                basicUser,
                HttpRequest.newBuilder(uri(path))
                    .header("X-Requested-By", "test")
                    .POST(HttpRequest.BodyPublishers.noBody()))
            .build());
  }

  protected URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static HttpRequest.Builder as(String basicUser, HttpRequest.Builder request) {
    return basicUser == null
        ? request
        : request.header(
            "Authorization", "Basic " + Base64.getEncoder().encodeToString(basicUser.getBytes()));
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

  /**
   * A genuine Alipay TRADE_SUCCESS notice paying {@code order} in full, signed with the test key.
   */
  protected static Map<String, String> alipayPaid(String transactionId, PlacedOrder order) {
    return AlipayNotices.signed(alipayPaidUnsigned(transactionId, order), ALIPAY);
  }

  /** The same notice's parameters before signing, for tests that change one first. */
  protected static Map<String, String> alipayPaidUnsigned(String transactionId, PlacedOrder order) {
    return AlipayNotices.paid(
        APP_ID, SELLER_ID, transactionId, order.orderNo(), AlipayNotices.yuan(order.payable()));
  }

  protected HttpResponse<String> postAlipay(Map<String, String> signedParams) {
    return post(
        "/notify/alipay", "application/x-www-form-urlencoded", AlipayNotices.form(signedParams));
  }

  /** Waits for the order to reach {@code status}; settlement runs after the webhook answered. */
  protected void awaitOrderStatus(String orderNo, String status) {
    await(
        "status of order " + orderNo,
        () ->
            jdbc.sql("SELECT status FROM orders WHERE order_no = ?")
                .param(orderNo)
                .query(String.class)
                .single(),
        status::equals);
  }

  protected void awaitSettlementStatus(String transactionId, String status) {
    await("settlement " + transactionId, () -> settlementStatus(transactionId), status::equals);
  }

  /** Waits for the settlement to end, SETTLED or COMPENSATED. */
  protected void awaitSettlementFinished(String transactionId) {
    await(
        "settlement " + transactionId + " finished",
        () -> settlementStatus(transactionId),
        status -> status != null && SettlementStatus.valueOf(status).isFinal());
  }

  private String settlementStatus(String transactionId) {
    return jdbc.sql("SELECT status FROM settlements WHERE transaction_id = ?")
        .param(transactionId)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  protected static void await(String what, Supplier<String> current, Predicate<String> reached) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    String value = current.get();
    while (!reached.test(value) && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      value = current.get();
    }
    assertThat(value).as(what).matches(reached);
  }

  /**
   * Whether the generic channel holds the replay key of this signed request: derived from its
   * {@code t} and the signature of the first configured secret, however the header was written.
   */
  protected boolean genericNonceClaimed(String signatureHeader, byte[] body) {
    String t =
        java.util.Arrays.stream(signatureHeader.split(","))
            .map(String::strip)
            .filter(part -> part.startsWith("t="))
            .findFirst()
            .orElseThrow()
            .substring(2);
    String v1 =
        HmacSigner.signatureHeader(GENERIC_SECRET, Instant.ofEpochSecond(Long.parseLong(t)), body)
            .split(",v1=")[1];
    return count(
            "SELECT COUNT(*) FROM notice_nonces WHERE channel = 'generic' AND nonce = SHA2(?, 256)",
            v1)
        == 1;
  }

  protected int count(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Integer.class).single();
  }
}
