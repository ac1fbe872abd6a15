package com.paycallback.loadgen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The load modes' options, {@code --name value} pairs like the fault harness's. Defaults are small
 * enough for a first look; the targets name their own numbers (see the README).
 *
 * @param notices burst: distinct genuine notices, one order each; storm: orders, each noticed
 *     {@code copies} times
 * @param copies storm: copies of each notice, sent at once
 * @param rate steady and flood: genuine notices per second
 * @param duration steady and flood: how long genuine notices are sent
 * @param forgedRate flood: forged notices per second, 0 for as fast as {@code forgedConcurrency}
 *     senders go
 * @param forgedConcurrency flood: senders of forged notices
 * @param forgedFrom flood: the address forged notices claim in X-Forwarded-For; the service
 *     believes it only when it trusts loopback as a proxy
 * @param genuineFrom the address genuine notices claim in X-Forwarded-For (a gateway's address on
 *     the channels' allowlist, say), or null to send them as loopback itself
 * @param buyers demo buyers created for the run; orders are spread over them
 * @param skus SKUs created for the run; orders are spread over them
 * @param channels the channels notices are spread over, in turn
 * @param keys a file with the gateways' signing material, or null to fetch the embedded default's
 *     sandbox keys from {@code GET /sandbox/keys}
 * @param ceilingSettlements burst and steady: at most this many settlements for the ceiling run
 *     after the run's own ({@code POST /sandbox/ceiling}), 0 for none; each stays in the embedded
 *     Temporal's memory until the service stops, hence a cap below a big burst's size
 * @param json where the summary is written as JSON, or null
 */
record LoadOptions(
    Mode mode,
    String url,
    int notices,
    int copies,
    double rate,
    Duration duration,
    double forgedRate,
    int forgedConcurrency,
    String forgedFrom,
    String genuineFrom,
    int concurrency,
    int buyers,
    int skus,
    List<Channel> channels,
    Path keys,
    Duration settleTimeout,
    int ceilingSettlements,
    Path json) {

  enum Mode {
    BURST,
    STORM,
    STEADY,
    FLOOD;

    static boolean named(String name) {
      return Arrays.stream(values()).anyMatch(m -> m.name().equalsIgnoreCase(name));
    }
  }

  /** A way a gateway signs; WeChat Pay signs with RSA or with SM2. */
  enum Channel {
    ALIPAY("alipay"),
    WECHATPAY_RSA("wechatpay-rsa"),
    WECHATPAY_SM2("wechatpay-sm2"),
    GENERIC("generic");

    final String option;

    Channel(String option) {
      this.option = option;
    }

    static Channel of(String option) {
      for (Channel channel : values()) {
        if (channel.option.equals(option.trim())) {
          return channel;
        }
      }
      throw new IllegalArgumentException(
          "--channels lists alipay, wechatpay-rsa, wechatpay-sm2, generic; not " + option);
    }
  }

  private static final Set<String> KNOWN =
      Set.of(
          "mode",
          "url",
          "notices",
          "copies",
          "rate",
          "duration",
          "forged-rate",
          "forged-concurrency",
          "forged-from",
          "genuine-from",
          "concurrency",
          "buyers",
          "skus",
          "channels",
          "keys",
          "settle-timeout",
          "ceiling-settlements",
          "json");

  static LoadOptions parse(String... args) {
    Map<String, String> given = HarnessOptions.pairs(args);
    for (String name : given.keySet()) {
      if (!KNOWN.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name + "; known: " + KNOWN);
      }
    }
    String modeName = given.getOrDefault("mode", "");
    if (!Mode.named(modeName)) {
      throw new IllegalArgumentException(
          "--mode is burst, storm, steady, flood, kill, freeze or long-freeze; not " + modeName);
    }
    Mode mode = Mode.valueOf(modeName.toUpperCase(Locale.ROOT));
    double rate = Double.parseDouble(given.getOrDefault("rate", "30"));
    double forgedRate = Double.parseDouble(given.getOrDefault("forged-rate", "0"));
    if (!(rate > 0) || forgedRate < 0) {
      throw new IllegalArgumentException("--rate must be positive, --forged-rate 0 or more");
    }
    List<Channel> channels =
        Arrays.stream(
                given
                    .getOrDefault("channels", "alipay,wechatpay-rsa,wechatpay-sm2,generic")
                    .split(","))
            .map(Channel::of)
            .toList();
    return new LoadOptions(
        mode,
        given.getOrDefault("url", "http://127.0.0.1:8080"),
        positive("notices", given.getOrDefault("notices", mode == Mode.STORM ? "200" : "2000")),
        positive("copies", given.getOrDefault("copies", "20")),
        rate,
        HarnessOptions.duration("duration", given.getOrDefault("duration", "60s")),
        forgedRate,
        positive("forged-concurrency", given.getOrDefault("forged-concurrency", "32")),
        given.getOrDefault("forged-from", "198.51.100.7"),
        given.get("genuine-from"),
        positive("concurrency", given.getOrDefault("concurrency", "64")),
        positive("buyers", given.getOrDefault("buyers", "100")),
        positive("skus", given.getOrDefault("skus", "20")),
        channels,
        given.containsKey("keys") ? Path.of(given.get("keys")) : null,
        HarnessOptions.duration("settle-timeout", given.getOrDefault("settle-timeout", "10m")),
        atLeastZero("ceiling-settlements", given.getOrDefault("ceiling-settlements", "2000")),
        given.containsKey("json") ? Path.of(given.get("json")) : null);
  }

  /** Genuine notices of the run: steady and flood send {@code rate × duration}. */
  int genuineNotices() {
    return switch (mode) {
      case BURST, STORM -> notices;
      case STEADY, FLOOD -> (int) Math.ceil(rate * duration.toMillis() / 1000.0);
    };
  }

  /** Settlements of the ceiling run: as many as the run's own, up to the cap. */
  int ceilingSettlements(int runSettlements) {
    return mode == Mode.BURST || mode == Mode.STEADY
        ? Math.min(runSettlements, ceilingSettlements)
        : 0;
  }

  private static int atLeastZero(String name, String text) {
    int value = Integer.parseInt(text);
    if (value < 0) {
      throw new IllegalArgumentException("--" + name + " must be 0 or more: " + text);
    }
    return value;
  }

  private static int positive(String name, String text) {
    int value = Integer.parseInt(text);
    if (value < 1) {
      throw new IllegalArgumentException("--" + name + " must be at least 1: " + text);
    }
    return value;
  }
}
