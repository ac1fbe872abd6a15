package com.paycallback.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** How the channels' switches read settings from docker compose's two sources. */
class PaymentChannelsTest {

  @Test
  void anEmptyValueLeavesAChannelOff() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "compose",
                Map.of(
                    "paycallback.channels.alipay.app-id", "",
                    "paycallback.channels.generic.secrets", " ",
                    "paycallback.channels.wechatpay.mch-id", "1900000109")));
    ConfigurationPropertySources.attach(environment);

    assertThat(PaymentChannels.ALIPAY.isOn(environment)).isFalse();
    assertThat(PaymentChannels.GENERIC.isOn(environment)).isFalse();
    assertThat(PaymentChannels.WECHATPAY.isOn(environment)).isTrue();
  }

  /** A secret file's name keeps its case: a WeChat Pay key id can be given only this way. */
  @Test
  void aPublicKeyFromASecretFileKeepsItsCaseSensitiveId(@TempDir Path secrets) throws IOException {
    Files.writeString(
        secrets.resolve("paycallback.channels.wechatpay.public-keys.PUB_KEY_ID_0114000000"),
        "-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----\n");
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(
            new ConfigTreePropertySource(
                "secrets", secrets, ConfigTreePropertySource.Option.AUTO_TRIM_TRAILING_NEW_LINE));
    ConfigurationPropertySources.attach(environment);

    assertThat(PaymentChannels.entries(environment, "paycallback.channels.wechatpay.public-keys"))
        .containsOnlyKeys("PUB_KEY_ID_0114000000");
  }
}
