package com.paycallback.gateway;

import com.paycallback.settlement.PaymentChannel;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Which gateways are on. A channel is on when its identifying credential is configured and off
 * otherwise (its webhook answers 404, it has no refund client); an empty value — what docker
 * compose passes for an unset {@code ${VAR:-}} — counts as not configured. The conditions that
 * build a channel's beans and the production readiness check read the same switch here.
 */
public enum PaymentChannels {
  ALIPAY(PaymentChannel.ALIPAY, "paycallback.channels.alipay.app-id"),
  WECHATPAY(PaymentChannel.WECHATPAY, "paycallback.channels.wechatpay.mch-id"),
  GENERIC(PaymentChannel.GENERIC, "paycallback.channels.generic.secrets");

  private final PaymentChannel channel;
  private final String switchedOnBy;

  PaymentChannels(PaymentChannel channel, String switchedOnBy) {
    this.channel = channel;
    this.switchedOnBy = switchedOnBy;
  }

  /** The channel's name in webhooks, the audit table and metrics. */
  public String channel() {
    return channel.id();
  }

  /** The setting whose presence turns the channel on. */
  public String switchedOnBy() {
    return switchedOnBy;
  }

  public boolean isOn(Environment environment) {
    return !values(environment, switchedOnBy).isEmpty();
  }

  /**
   * The non-blank values of a setting, bound as Spring binds the properties records: a scalar, an
   * indexed list ({@code secrets[0]}, {@code SECRETS_0}) or a comma-separated one alike.
   */
  public static List<String> values(Environment environment, String name) {
    return Binder.get(environment)
        .bind(name, Bindable.listOf(String.class))
        .orElse(List.of())
        .stream()
        .filter(value -> value != null && !value.isBlank())
        .toList();
  }

  /** The non-blank values of a map setting ({@code public-keys[PUB_KEY_ID_...]}). */
  public static Map<String, String> entries(Environment environment, String name) {
    Map<String, String> entries =
        Binder.get(environment)
            .bind(name, Bindable.mapOf(String.class, String.class))
            .orElse(Map.of());
    return Map.copyOf(
        entries.entrySet().stream()
            .filter(e -> e.getValue() != null && !e.getValue().isBlank())
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }
}
