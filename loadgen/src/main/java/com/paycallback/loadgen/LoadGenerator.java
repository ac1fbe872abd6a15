package com.paycallback.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Drives a running paycallback (the embedded default by default) through its sandbox and the
 * generic webhook:
 *
 * <pre>
 * java -jar loadgen/target/loadgen.jar [--url http://127.0.0.1:8080] [--orders 400]
 *     [--concurrency 16] [--duplicates 2] [--secret sandbox-generic-hmac-secret-not-for-production]
 * </pre>
 *
 * Each order is paid with one signed notice plus {@code --duplicates} re-sent copies, all at once,
 * as gateways do under a spike. Reports the webhook's answer-time percentiles, the notices per
 * second, and how long until every order is SETTLED — and fails when any order is not settled
 * exactly once. {@code --mode kill|freeze|long-freeze} runs the {@link FaultHarness} instead.
 */
public final class LoadGenerator {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String url;
  private final String secret;

  private LoadGenerator(String url, String secret) {
    this.url = url;
    this.secret = secret;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    if (!options.getOrDefault("mode", "load").equals("load")) {
      System.exit(FaultHarness.run(args));
    }
    String url = options.getOrDefault("url", "http://127.0.0.1:8080");
    int orders = Integer.parseInt(options.getOrDefault("orders", "400"));
    int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "16"));
    int duplicates = Integer.parseInt(options.getOrDefault("duplicates", "2"));
    String secret =
        options.getOrDefault("secret", "sandbox-generic-hmac-secret-not-for-production");
    LoadGenerator generator = new LoadGenerator(url, secret);

    String sku = "SKU-LOAD-" + UUID.randomUUID().toString().substring(0, 8);
    generator.stock(sku, orders);
    List<JsonNode> placed = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      placed.add(generator.placeOrder(sku));
    }
    System.out.printf("placed %d orders%n", orders);

    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    List<Future<Long>> answers = new ArrayList<>();
    Instant start = Instant.now();
    for (JsonNode order : placed) {
      String transactionId = "LOAD" + UUID.randomUUID().toString().replace("-", "");
      for (int copy = 0; copy <= duplicates; copy++) {
        answers.add(pool.submit(() -> generator.pay(order, transactionId)));
      }
    }
    long[] nanos = new long[answers.size()];
    try {
      for (int i = 0; i < nanos.length; i++) {
        nanos[i] = answers.get(i).get();
      }
    } catch (ExecutionException e) {
      System.out.println("FAILED: " + e.getCause().getMessage());
      System.exit(1);
    } finally {
      pool.shutdownNow();
    }
    Duration notifying = Duration.between(start, Instant.now());

    int unsettled = generator.awaitSettled(placed, Duration.ofMinutes(5));
    Duration settling = Duration.between(start, Instant.now());

    Arrays.sort(nanos);
    System.out.printf(
        "notices %d (%d orders x %d copies) at concurrency %d in %d ms: %.0f notices/s%n",
        nanos.length,
        orders,
        duplicates + 1,
        concurrency,
        notifying.toMillis(),
        nanos.length * 1000.0 / Math.max(1, notifying.toMillis()));
    System.out.printf(
        "answer time ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n",
        percentile(nanos, 50),
        percentile(nanos, 95),
        percentile(nanos, 99),
        nanos[nanos.length - 1] / 1e6);
    System.out.printf(
        "all %d orders SETTLED %d ms after the first notice%n",
        orders - unsettled, settling.toMillis());
    if (unsettled > 0) {
      System.out.printf("FAILED: %d orders not settled%n", unsettled);
      System.exit(1);
    }
  }

  /** A SKU of its own with one unit per order, so every order can settle. */
  private void stock(String sku, int units) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/sandbox/skus/" + sku))
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"load test\",\"price\":1990,\"stock\":" + units + "}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("cannot stock " + sku + ": " + response.body());
    }
  }

  private JsonNode placeOrder(String sku) throws Exception {
    String body = "{\"userId\":\"u-bob\",\"items\":[{\"skuId\":\"" + sku + "\",\"quantity\":1}]}";
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/sandbox/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("cannot place an order: " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** Posts one signed generic notice and returns its answer time in nanoseconds. */
  private long pay(JsonNode order, String transactionId) throws Exception {
    Map<String, Object> notice = new LinkedHashMap<>();
    notice.put("transactionId", transactionId);
    notice.put("orderNo", order.get("orderNo").asText());
    notice.put("amount", order.get("payable").asLong());
    notice.put("currency", "CNY");
    notice.put("status", "SUCCESS");
    notice.put("paidAt", Instant.now().toString());
    byte[] body = JSON.writeValueAsBytes(notice);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/notify/generic"))
            .header("Content-Type", "application/json")
            .header("Paycallback-Signature", signature(body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    long sent = System.nanoTime();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    long took = System.nanoTime() - sent;
    if (response.statusCode() != 204) {
      throw new IllegalStateException(
          "notice refused: " + response.statusCode() + " " + response.body());
    }
    return took;
  }

  /**
   * A fresh signature per copy, as a gateway re-signs its retries (the same header is a replay).
   */
  private String signature(byte[] body) throws Exception {
    long t = Instant.now().getEpochSecond();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  private int awaitSettled(List<JsonNode> orders, Duration limit) throws Exception {
    Instant deadline = Instant.now().plus(limit);
    List<JsonNode> pending = new ArrayList<>(orders);
    while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
      List<JsonNode> still = new ArrayList<>();
      for (JsonNode order : pending) {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(url + "/sandbox/orders/" + order.get("orderNo").asText()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (!"SETTLED".equals(JSON.readTree(response.body()).get("status").asText())) {
          still.add(order);
        }
      }
      pending = still;
      if (!pending.isEmpty()) {
        Thread.sleep(200);
      }
    }
    return pending.size();
  }

  private static double percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("options are --name value pairs: " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }
}
