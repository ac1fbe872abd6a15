package com.paycallback.prod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paycallback.PaycallbackApplication;
import com.paycallback.db.TestDatabase;
import com.paycallback.gateway.alipay.AlipayNotices;
import com.paycallback.notice.NoticeChannel;
import com.paycallback.refund.RefundGateway;
import com.paycallback.sandbox.WechatPaySandboxKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 12: every channel is optional. The {@code prod} profile starts the whole service — not only
 * the readiness check — with any one channel configured, and refuses, naming every problem, with
 * none or with a weak secret. Every setting not given here is what docker compose passes when its
 * variable is unset: application-prod.yml's empty value. The contexts run on the test JVM's MariaDB
 * (a database of their own, migrated without demo data as production is) and without a Temporal
 * worker.
 */
class ProductionStartTest {

  private static final KeyPair GATEWAY_KEY = WechatPaySandboxKeys.generateRsaKeyPair();
  private static final KeyPair MERCHANT_KEY = WechatPaySandboxKeys.generateRsaKeyPair();
  private static final String STRONG_SECRET = "0123456789abcdef0123456789abcdef-strong";

  private final HttpClient http = HttpClient.newHttpClient();

  private static Map<String, String> base() {
    TestDatabase db = TestDatabase.get();
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.datasource.url", db.server().jdbcUrl("paycallback_prod"));
    properties.put("spring.datasource.username", db.server().username());
    properties.put("spring.flyway.user", db.server().username());
    properties.put("spring.flyway.password", "");
    properties.put("spring.temporal.connection.target", "127.0.0.1:9");
    properties.put("spring.temporal.start-workers", "false");
    properties.put("server.address", "127.0.0.1");
    properties.put("server.port", "0");
    properties.put("management.server.port", "0");
    properties.put("management.server.address", "127.0.0.1");
    properties.put("paycallback.settlement.sweep-interval", "1h");
    properties.put("paycallback.notice-encryption.current-key-id", "k1");
    properties.put(
        "paycallback.notice-encryption.keys.k1", Base64.getEncoder().encodeToString(new byte[32]));
    properties.put("paycallback.admin.username", "ops");
    // bcrypt of "a long operator password": prod takes no plain password.
    properties.put(
        "paycallback.admin.password",
        "{bcrypt}$2a$10$oYt3VjCgGdcy8p/XZOUb1ef8tF8VZ6uYlsrQR2i352Ugcj5Vm.YGi");
    return properties;
  }

  private static Map<String, String> alipay() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("paycallback.channels.alipay.app-id", "2021000000000001");
    properties.put(
        "paycallback.channels.alipay.public-keys", AlipayNotices.base64(GATEWAY_KEY.getPublic()));
    properties.put("paycallback.channels.alipay.merchant-private-key", merchantKey());
    return properties;
  }

  private static Map<String, String> wechatPay() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("paycallback.channels.wechatpay.mch-id", "1900000109");
    properties.put("paycallback.channels.wechatpay.app-id", "wxd678efh567hg6787");
    properties.put("paycallback.channels.wechatpay.api-v3-key", "0123456789abcdef0123456789abcdef");
    properties.put(
        "paycallback.channels.wechatpay.public-keys[PUB_KEY_ID_0100000000PROD]",
        WechatPaySandboxKeys.toPem(GATEWAY_KEY.getPublic()));
    properties.put("paycallback.channels.wechatpay.merchant-private-key", merchantKey());
    properties.put("paycallback.channels.wechatpay.merchant-serial-number", "5157F09EFDC096DE15");
    properties.put(
        "paycallback.channels.wechatpay.refund-notify-url",
        "https://shop.example.com/notify/wechatpay/refund");
    return properties;
  }

  private static Map<String, String> generic() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("paycallback.channels.generic.secrets", STRONG_SECRET);
    properties.put("paycallback.channels.generic.refund-url", "https://pay.example.com/refunds");
    return properties;
  }

  private static String merchantKey() {
    return Base64.getEncoder().encodeToString(MERCHANT_KEY.getPrivate().getEncoded());
  }

  /** Starts the prod profile; settings as command-line arguments, above application-prod.yml. */
  @SafeVarargs
  private static ConfigurableApplicationContext startProd(Map<String, String>... settings) {
    Map<String, String> properties = base();
    for (Map<String, String> setting : settings) {
      properties.putAll(setting);
    }
    List<String> args = new ArrayList<>();
    properties.forEach((name, value) -> args.add("--" + name + "=" + value));
    return new SpringApplicationBuilder(PaycallbackApplication.class)
        .profiles("prod")
        .run(args.toArray(String[]::new));
  }

  @Test
  void startsWithOnlyAlipay() {
    try (ConfigurableApplicationContext context = startProd(alipay())) {
      assertChannelsOn(context, "alipay");
      assertThat(notify(context, "alipay")).isNotEqualTo(404);
      assertThat(notify(context, "wechatpay")).isEqualTo(404);
      assertThat(notify(context, "generic")).isEqualTo(404);
    }
  }

  @Test
  void startsWithOnlyWechatPay() {
    try (ConfigurableApplicationContext context = startProd(wechatPay())) {
      assertChannelsOn(context, "wechatpay");
      assertThat(notify(context, "wechatpay")).isNotEqualTo(404);
      assertThat(notify(context, "alipay")).isEqualTo(404);
      assertThat(notify(context, "generic")).isEqualTo(404);
    }
  }

  @Test
  void startsWithOnlyGeneric() {
    try (ConfigurableApplicationContext context = startProd(generic())) {
      assertChannelsOn(context, "generic");
      assertThat(notify(context, "generic")).isNotEqualTo(404);
      assertThat(notify(context, "alipay")).isEqualTo(404);
      assertThat(notify(context, "wechatpay")).isEqualTo(404);
    }
  }

  @Test
  void refusesToStartWithNoChannel() {
    assertThatThrownBy(ProductionStartTest::startProd)
        .hasMessageContaining("no payment channel is on")
        .hasMessageContaining("paycallback.channels.alipay.app-id")
        .hasMessageContaining("paycallback.channels.wechatpay.mch-id")
        .hasMessageContaining("paycallback.channels.generic.secrets");
  }

  @Test
  void refusesWeakOrIncompleteChannelsNamingEveryProblem() {
    Map<String, String> weakGeneric = generic();
    weakGeneric.put("paycallback.channels.generic.secrets", "changeme");
    Map<String, String> keylessAlipay = alipay();
    keylessAlipay.remove("paycallback.channels.alipay.public-keys");
    Map<String, String> incompleteWechatPay = wechatPay();
    incompleteWechatPay.remove("paycallback.channels.wechatpay.api-v3-key");
    incompleteWechatPay.remove("paycallback.channels.wechatpay.merchant-serial-number");

    assertThatThrownBy(() -> startProd(weakGeneric, keylessAlipay, incompleteWechatPay))
        .hasMessageContaining("paycallback.channels.generic.secrets[0] is shorter than 32 bytes")
        .hasMessageNotContaining("changeme")
        .hasMessageContaining(
            "paycallback.channels.alipay.public-keys or paycallback.channels.alipay.public-cert"
                + " is not set")
        .hasMessageContaining("paycallback.channels.wechatpay.api-v3-key is not set")
        .hasMessageContaining("paycallback.channels.wechatpay.merchant-serial-number is not set");
  }

  private static void assertChannelsOn(ConfigurableApplicationContext context, String channel) {
    assertThat(context.getBeansOfType(NoticeChannel.class).values())
        .extracting(c -> c.transport().name())
        .containsExactly(channel);
    assertThat(context.getBeansOfType(RefundGateway.class).values())
        .allMatch(gateway -> gateway.handles(channel))
        .hasSize(1);
  }

  /** The status an empty notice gets: the channel's own rejection when on, 404 when off. */
  private int notify(ConfigurableApplicationContext context, String channel) {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/notify/" + channel))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
