package com.paycallback.prod;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Fails start-up in the {@code prod} profile, before any bean is built, with one message naming
 * every missing setting — instead of the first stack trace a half-configured service would give.
 * Also refuses the sandbox and the embedded infrastructure in production.
 */
public class ProductionReadiness implements EnvironmentPostProcessor {

  static final List<String> REQUIRED =
      List.of(
          "spring.datasource.url",
          "spring.datasource.username",
          "spring.flyway.user",
          "spring.temporal.connection.target",
          "paycallback.notice-encryption.current-key-id");

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
      return;
    }
    List<String> problems = new ArrayList<>();
    for (String name : REQUIRED) {
      if (isBlank(environment, name)) {
        problems.add(name + " is not set");
      }
    }
    String keyId = value(environment, "paycallback.notice-encryption.current-key-id");
    if (keyId != null
        && !keyId.isBlank()
        && isBlank(environment, "paycallback.notice-encryption.keys." + keyId)) {
      problems.add("paycallback.notice-encryption.keys." + keyId + " is not set");
    }
    // A channel we take payments on must be able to give money back: without its refund
    // credentials every late payment or failed settlement would park at the refund.
    requireWith(
        environment,
        problems,
        "paycallback.channels.alipay.app-id",
        "paycallback.channels.alipay.merchant-private-key");
    requireWith(
        environment,
        problems,
        "paycallback.channels.wechatpay.mch-id",
        "paycallback.channels.wechatpay.merchant-private-key",
        "paycallback.channels.wechatpay.merchant-serial-number");
    requireWith(
        environment,
        problems,
        "paycallback.channels.generic.secrets[0]",
        "paycallback.channels.generic.refund-url");
    boolean builtInOperator =
        !isBlank(environment, "paycallback.admin.username")
            && !isBlank(environment, "paycallback.admin.password");
    if (!builtInOperator && isBlank(environment, "paycallback.admin.users[0].username")) {
      problems.add("no admin user: set paycallback.admin.username and paycallback.admin.password");
    }
    for (String forbidden :
        List.of(
            "paycallback.sandbox.enabled",
            "paycallback.embedded.database",
            "paycallback.embedded.temporal")) {
      if ("true".equalsIgnoreCase(value(environment, forbidden))) {
        problems.add(forbidden + " must not be true in prod");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "paycallback cannot start in prod: " + String.join("; ", problems));
    }
  }

  private static void requireWith(
      ConfigurableEnvironment environment, List<String> problems, String when, String... needed) {
    if (isBlank(environment, when)) {
      return;
    }
    for (String name : needed) {
      if (isBlank(environment, name)) {
        problems.add(name + " is not set (required with " + when + ")");
      }
    }
  }

  private static boolean isBlank(ConfigurableEnvironment environment, String name) {
    String value = value(environment, name);
    return value == null || value.isBlank();
  }

  private static String value(ConfigurableEnvironment environment, String name) {
    try {
      return environment.getProperty(name);
    } catch (IllegalArgumentException unresolvablePlaceholder) {
      return null;
    }
  }
}
