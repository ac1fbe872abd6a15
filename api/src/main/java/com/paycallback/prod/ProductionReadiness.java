package com.paycallback.prod;

import com.paycallback.admin.BcryptHashes;
import com.paycallback.gateway.PaymentChannels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
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

  static final int MIN_HMAC_SECRET_BYTES = 32;

  static final String NOT_BCRYPT =
      "must be a bcrypt hash in prod, not a plain password ({bcrypt}$2a$12$...; e.g. htpasswd"
          + " -nbBC 12 '' 'the password' | cut -c2-)";

  private static final String ALIPAY_PREFIX = "paycallback.channels.alipay.";
  private static final String WECHATPAY_PREFIX = "paycallback.channels.wechatpay.";
  private static final String GENERIC_PREFIX = "paycallback.channels.generic.";

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
    channelProblems(environment, problems);
    boolean builtInOperator =
        !isBlank(environment, "paycallback.admin.username")
            && !isBlank(environment, "paycallback.admin.password");
    if (!builtInOperator && isBlank(environment, "paycallback.admin.users[0].username")) {
      problems.add("no admin user: set paycallback.admin.username and paycallback.admin.password");
    }
    // A configuration file or environment leaks more easily than a hash; the hash alone does not
    // let anyone in.
    if (builtInOperator
        && !BcryptHashes.isBcrypt(value(environment, "paycallback.admin.password"))) {
      problems.add("paycallback.admin.password " + NOT_BCRYPT);
    }
    for (int i = 0; !isBlank(environment, "paycallback.admin.users[" + i + "].username"); i++) {
      String name = "paycallback.admin.users[" + i + "].password";
      if (!BcryptHashes.isBcrypt(value(environment, name))) {
        problems.add(name + " " + NOT_BCRYPT);
      }
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

  /**
   * Every channel is optional, but at least one must be on, and every channel that is on must be
   * complete: able to verify its notices, and to give money back (without refund credentials every
   * late payment or failed settlement would park at the refund).
   */
  static void channelProblems(ConfigurableEnvironment environment, List<String> problems) {
    List<PaymentChannels> on =
        Arrays.stream(PaymentChannels.values()).filter(c -> c.isOn(environment)).toList();
    if (on.isEmpty()) {
      problems.add(
          "no payment channel is on: configure at least one of "
              + Arrays.stream(PaymentChannels.values())
                  .map(PaymentChannels::switchedOnBy)
                  .collect(Collectors.joining(", ")));
    }
    for (PaymentChannels channel : on) {
      String when = channel.switchedOnBy();
      switch (channel) {
        case ALIPAY -> {
          if (PaymentChannels.values(environment, ALIPAY_PREFIX + "public-keys").isEmpty()
              && isBlank(environment, ALIPAY_PREFIX + "public-cert")) {
            problems.add(
                ALIPAY_PREFIX
                    + "public-keys or "
                    + ALIPAY_PREFIX
                    + "public-cert is not set (required with "
                    + when
                    + ": Alipay's key proves every notice)");
          }
          require(environment, problems, when, ALIPAY_PREFIX + "merchant-private-key");
          // Certificate mode: every OpenAPI call names the app's and the root's certificates, and
          // Alipay signs with the key of its public certificate.
          if (isBlank(environment, ALIPAY_PREFIX + "app-cert")
              != isBlank(environment, ALIPAY_PREFIX + "root-cert")) {
            problems.add(
                ALIPAY_PREFIX + "app-cert and " + ALIPAY_PREFIX + "root-cert come together");
          }
          if (!isBlank(environment, ALIPAY_PREFIX + "app-cert")
              || !isBlank(environment, ALIPAY_PREFIX + "root-cert")) {
            require(
                environment, problems, ALIPAY_PREFIX + "app-cert", ALIPAY_PREFIX + "public-cert");
          }
        }
        case WECHATPAY -> {
          require(
              environment,
              problems,
              when,
              WECHATPAY_PREFIX + "app-id",
              WECHATPAY_PREFIX + "api-v3-key",
              WECHATPAY_PREFIX + "merchant-private-key",
              WECHATPAY_PREFIX + "merchant-serial-number",
              WECHATPAY_PREFIX + "refund-notify-url");
          String refundNotifyUrl = value(environment, WECHATPAY_PREFIX + "refund-notify-url");
          // WeChat Pay delivers notices to https URLs only.
          if (refundNotifyUrl != null
              && !refundNotifyUrl.isBlank()
              && !refundNotifyUrl.startsWith("https://")) {
            problems.add(WECHATPAY_PREFIX + "refund-notify-url must be an https URL");
          }
          String apiV3Key = value(environment, WECHATPAY_PREFIX + "api-v3-key");
          if (apiV3Key != null
              && !apiV3Key.isBlank()
              && apiV3Key.getBytes(StandardCharsets.UTF_8).length != 32) {
            problems.add(WECHATPAY_PREFIX + "api-v3-key must be the 32-byte APIv3 key");
          }
          if (PaymentChannels.entries(environment, WECHATPAY_PREFIX + "public-keys").isEmpty()
              && PaymentChannels.values(environment, WECHATPAY_PREFIX + "platform-certificates")
                  .isEmpty()) {
            problems.add(
                WECHATPAY_PREFIX
                    + "public-keys or "
                    + WECHATPAY_PREFIX
                    + "platform-certificates is not set (required with "
                    + when
                    + ": WeChat Pay's key proves every notice)");
          }
        }
        case GENERIC -> {
          List<String> secrets = PaymentChannels.values(environment, when);
          for (int i = 0; i < secrets.size(); i++) {
            // HMAC-SHA256 keys shorter than its 32-byte output can be guessed offline from one
            // captured notice; whoever knows the secret can settle their own orders.
            if (secrets.get(i).getBytes(StandardCharsets.UTF_8).length < MIN_HMAC_SECRET_BYTES) {
              problems.add(
                  when + "[" + i + "] is shorter than " + MIN_HMAC_SECRET_BYTES + " bytes");
            }
          }
          require(environment, problems, when, GENERIC_PREFIX + "refund-url");
        }
      }
    }
  }

  /** Names each of {@code needed} that is blank, as required by the channel switched on by when. */
  private static void require(
      ConfigurableEnvironment environment, List<String> problems, String when, String... needed) {
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
