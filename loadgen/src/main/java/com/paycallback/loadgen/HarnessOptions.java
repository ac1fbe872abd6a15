package com.paycallback.loadgen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fault harness's options, {@code --name value} pairs like the load generator's. Defaults
 * follow issue 9's scenarios: 1,500 orders killed at 40 %, a 30 s freeze under 20 notices/s, a
 * 10-minute freeze of 50 settlements mid-saga.
 *
 * @param dir the service's working directory, or null for a fresh temporary one
 * @param orders orders paid (kill, long-freeze); the freeze scenario places rate × duration
 * @param killAt the share of orders acknowledged before the crash (kill)
 * @param rate new notices per second (freeze)
 * @param duration how long new notices are sent (freeze)
 * @param freezeAfter when the database is frozen, counted from the first notice (freeze)
 * @param freezeFor how long the database stays frozen
 * @param settleTimeout how long the harness waits for settlements after the fault before it gives
 *     up and judges what it sees
 * @param serviceArgs extra arguments for the service, e.g. {@code
 *     --paycallback.settlement.maximum-attempts=5}
 */
record HarnessOptions(
    Mode mode,
    String url,
    Path jar,
    Path dir,
    int orders,
    int concurrency,
    double killAt,
    double rate,
    Duration duration,
    Duration freezeAfter,
    Duration freezeFor,
    Duration settleTimeout,
    String secret,
    List<String> serviceArgs) {

  /** The scenarios; the load run (no {@code --mode}) stays in {@link LoadGenerator}. */
  enum Mode {
    KILL,
    FREEZE,
    LONG_FREEZE;

    static Mode of(String name) {
      try {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--mode must be kill, freeze or long-freeze, not " + name);
      }
    }
  }

  private static final Set<String> KNOWN =
      Set.of(
          "mode",
          "url",
          "jar",
          "dir",
          "orders",
          "concurrency",
          "kill-at",
          "rate",
          "duration",
          "freeze-after",
          "freeze-seconds",
          "settle-timeout",
          "secret",
          "service-args");

  static HarnessOptions parse(String... args) {
    Map<String, String> given = pairs(args);
    for (String name : given.keySet()) {
      if (!KNOWN.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name + "; known: " + KNOWN);
      }
    }
    if (!given.containsKey("mode")) {
      throw new IllegalArgumentException("--mode kill|freeze|long-freeze is required");
    }
    Mode mode = Mode.of(given.get("mode"));
    int orders =
        positive("orders", given.getOrDefault("orders", mode == Mode.KILL ? "1500" : "50"));
    int concurrency = positive("concurrency", given.getOrDefault("concurrency", "32"));
    double killAt = Double.parseDouble(given.getOrDefault("kill-at", "0.4"));
    if (!(killAt > 0 && killAt < 1)) {
      throw new IllegalArgumentException("--kill-at is a share between 0 and 1: " + killAt);
    }
    double rate = Double.parseDouble(given.getOrDefault("rate", "20"));
    if (!(rate > 0)) {
      throw new IllegalArgumentException("--rate must be positive: " + rate);
    }
    Duration duration = duration("duration", given.getOrDefault("duration", "60s"));
    Duration freezeAfter = duration("freeze-after", given.getOrDefault("freeze-after", "15s"));
    Duration freezeFor =
        duration(
            "freeze-seconds",
            given.getOrDefault("freeze-seconds", mode == Mode.LONG_FREEZE ? "600" : "30"));
    if (mode == Mode.FREEZE && freezeAfter.compareTo(duration) >= 0) {
      throw new IllegalArgumentException("--freeze-after must fall inside --duration");
    }
    String serviceArgs = given.getOrDefault("service-args", "").trim();
    return new HarnessOptions(
        mode,
        given.getOrDefault("url", "http://127.0.0.1:8080"),
        Path.of(given.getOrDefault("jar", "api/target/paycallback.jar")),
        given.containsKey("dir") ? Path.of(given.get("dir")) : null,
        orders,
        concurrency,
        killAt,
        rate,
        duration,
        freezeAfter,
        freezeFor,
        duration("settle-timeout", given.getOrDefault("settle-timeout", "10m")),
        given.getOrDefault("secret", "sandbox-generic-hmac-secret-not-for-production"),
        serviceArgs.isEmpty() ? List.of() : Arrays.asList(serviceArgs.split("\\s+")));
  }

  /** Orders the freeze scenario pays: one per notice at {@code rate} for {@code duration}. */
  int freezeOrders() {
    return (int) Math.ceil(rate * duration.toMillis() / 1000.0);
  }

  static Map<String, String> pairs(String[] args) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("options are --name value pairs: " + args[i]);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      pairs.put(args[i].substring(2), args[i + 1]);
    }
    return pairs;
  }

  /** {@code 90}, {@code 90s}, {@code 500ms}, {@code 10m}: a bare number is seconds. */
  static Duration duration(String name, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (t.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      } else if (t.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      } else {
        d = Duration.ofSeconds(Long.parseLong(t));
      }
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("--" + name + " must be positive: " + text);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " is 90, 90s, 500ms or 10m: " + text);
    }
  }

  private static int positive(String name, String text) {
    int value = Integer.parseInt(text);
    if (value < 1) {
      throw new IllegalArgumentException("--" + name + " must be at least 1: " + text);
    }
    return value;
  }
}
