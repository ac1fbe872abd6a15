package com.paycallback.prod;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The prod profile refuses to start half-configured, and never with the sandbox. */
class ProductionReadinessTest {

  private static final String HASH_OF_A_LONG_SECRET =
      "{bcrypt}$2a$10$yqFVt288izL0Htr2RyTvOea3bf9R5vkE281bR88YuXZOFoCO/YYda";

  private static StandardEnvironment prod(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.setActiveProfiles("prod");
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return environment;
  }

  private static Map<String, Object> complete() {
    Map<String, Object> properties = new HashMap<>();
    properties.put("spring.datasource.url", "jdbc:mysql://db:3306/paycallback");
    properties.put("spring.datasource.username", "paycallback_app");
    properties.put("spring.flyway.user", "paycallback_migrate");
    properties.put("spring.temporal.connection.target", "temporal:7233");
    properties.put("paycallback.notice-encryption.current-key-id", "k1");
    properties.put("paycallback.notice-encryption.keys.k1", "bm90LWNoZWNrZWQtaGVyZQ==");
    properties.put("paycallback.admin.username", "ops");
    properties.put("paycallback.admin.password", HASH_OF_A_LONG_SECRET);
    properties.put("paycallback.channels.generic.secrets[0]", "0123456789abcdef0123456789abcdef");
    properties.put("paycallback.channels.generic.refund-url", "https://pay.example.com/refunds");
    return properties;
  }

  @Test
  void completeConfigurationStarts() {
    assertThatCode(
            () ->
                new ProductionReadiness()
                    .postProcessEnvironment(prod(complete()), new SpringApplication()))
        .doesNotThrowAnyException();
  }

  @Test
  void everyMissingSettingIsNamedAtOnce() {
    Map<String, Object> properties = complete();
    properties.remove("spring.datasource.url");
    properties.put("spring.temporal.connection.target", "");
    properties.remove("paycallback.admin.password");
    properties.put("paycallback.notice-encryption.keys.k1", "");

    assertThatThrownBy(
            () ->
                new ProductionReadiness()
                    .postProcessEnvironment(prod(properties), new SpringApplication()))
        .hasMessageContaining("spring.datasource.url is not set")
        .hasMessageContaining("spring.temporal.connection.target is not set")
        .hasMessageContaining("no admin user")
        .hasMessageContaining("paycallback.notice-encryption.keys.k1 is not set");
  }

  @Test
  void channelWithoutRefundCredentialsIsRefused() {
    Map<String, Object> properties = complete();
    properties.put("paycallback.channels.wechatpay.mch-id", "1900000109");
    properties.put("paycallback.channels.wechatpay.merchant-private-key", "not checked here");
    properties.remove("paycallback.channels.generic.refund-url");

    assertThatThrownBy(
            () ->
                new ProductionReadiness()
                    .postProcessEnvironment(prod(properties), new SpringApplication()))
        .hasMessageContaining(
            "paycallback.channels.wechatpay.merchant-serial-number is not set (required with"
                + " paycallback.channels.wechatpay.mch-id)")
        .hasMessageContaining("paycallback.channels.generic.refund-url is not set")
        .hasMessageNotContaining("merchant-private-key");
  }

  @Test
  void wechatPayRefundsNeedAnHttpsRefundNotifyUrl() {
    Map<String, Object> properties = complete();
    properties.put("paycallback.channels.wechatpay.mch-id", "1900000109");

    assertThatThrownBy(
            () ->
                new ProductionReadiness()
                    .postProcessEnvironment(prod(properties), new SpringApplication()))
        .hasMessageContaining(
            "paycallback.channels.wechatpay.refund-notify-url is not set (required with"
                + " paycallback.channels.wechatpay.mch-id)");

    properties.put(
        "paycallback.channels.wechatpay.refund-notify-url",
        "http://shop.example.com/notify/wechatpay/refund");
    assertThatThrownBy(
            () ->
                new ProductionReadiness()
                    .postProcessEnvironment(prod(properties), new SpringApplication()))
        .hasMessageContaining(
            "paycallback.channels.wechatpay.refund-notify-url must be an https URL");
  }

  @Test
  void secretsFromCommaSeparatedOrIndexedSettingsAreEachChecked() {
    Map<String, Object> properties = complete();
    properties.remove("paycallback.channels.generic.secrets[0]");
    properties.put(
        "paycallback.channels.generic.secrets", "0123456789abcdef0123456789abcdef,short");

    assertThatThrownBy(
            () ->
                new ProductionReadiness()
                    .postProcessEnvironment(prod(properties), new SpringApplication()))
        .hasMessageContaining("paycallback.channels.generic.secrets[1] is shorter than 32 bytes")
        .hasMessageNotContaining("secrets[0]");
  }

  @Test
  void alipayCertificateModeNeedsAllThreeCertificates() {
    Map<String, Object> properties = complete();
    properties.put("paycallback.channels.alipay.app-id", "2021000000000001");
    properties.put("paycallback.channels.alipay.public-keys", "MIIBIjANBgkq");
    properties.put("paycallback.channels.alipay.merchant-private-key", "MIIEvQIBADAN");
    properties.put("paycallback.channels.alipay.app-cert", "file:/run/secrets/app.crt");

    assertThatThrownBy(
            () ->
                new ProductionReadiness()
                    .postProcessEnvironment(prod(properties), new SpringApplication()))
        .hasMessageContaining(
            "paycallback.channels.alipay.app-cert and paycallback.channels.alipay.root-cert"
                + " come together")
        .hasMessageContaining("paycallback.channels.alipay.public-cert is not set");

    properties.put("paycallback.channels.alipay.root-cert", "file:/run/secrets/root.crt");
    properties.put("paycallback.channels.alipay.public-cert", "file:/run/secrets/alipay.crt");
    assertThatCode(
            () ->
                new ProductionReadiness()
                    .postProcessEnvironment(prod(properties), new SpringApplication()))
        .doesNotThrowAnyException();
  }

  @Test
  void wechatPayApiV3KeyMustBe32Bytes() {
    Map<String, Object> properties = complete();
    properties.put("paycallback.channels.wechatpay.mch-id", "1900000109");
    properties.put("paycallback.channels.wechatpay.api-v3-key", "too-short");

    assertThatThrownBy(
            () ->
                new ProductionReadiness()
                    .postProcessEnvironment(prod(properties), new SpringApplication()))
        .hasMessageContaining("api-v3-key must be the 32-byte APIv3 key")
        .hasMessageContaining("paycallback.channels.wechatpay.public-keys or")
        .hasMessageNotContaining("too-short");
  }

  @Test
  void plainAdminPasswordsAreRefusedInProd() {
    Map<String, Object> properties = complete();
    properties.put("paycallback.admin.password", "a long secret");
    properties.put("paycallback.admin.users[0].username", "viewer");
    properties.put("paycallback.admin.users[0].password", "plain too");
    properties.put("paycallback.admin.users[1].username", "auditor");
    properties.put("paycallback.admin.users[1].password", "$2y$10$" + "a".repeat(53));

    assertThatThrownBy(
            () ->
                new ProductionReadiness()
                    .postProcessEnvironment(prod(properties), new SpringApplication()))
        .hasMessageContaining("paycallback.admin.password must be a bcrypt hash in prod")
        .hasMessageContaining("paycallback.admin.users[0].password must be a bcrypt hash")
        .hasMessageNotContaining("users[1]")
        .hasMessageNotContaining("a long secret")
        .hasMessageNotContaining("plain too");
  }

  @Test
  void sandboxIsRefusedInProd() {
    Map<String, Object> properties = complete();
    properties.put("paycallback.sandbox.enabled", "true");

    assertThatThrownBy(
            () ->
                new ProductionReadiness()
                    .postProcessEnvironment(prod(properties), new SpringApplication()))
        .hasMessageContaining("paycallback.sandbox.enabled must not be true in prod");
  }
}
