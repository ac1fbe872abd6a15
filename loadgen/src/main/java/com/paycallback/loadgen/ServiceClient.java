package com.paycallback.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The service's sandbox, generic webhook and admin API, as the harness calls them. */
final class ServiceClient {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A gateway gives up on an answer after this long and retries (WeChat Pay: 5 s). */
  static final Duration NOTICE_TIMEOUT = Duration.ofSeconds(10);

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  record Order(String orderNo, long payable) {}

  /** One answer of the webhook: status -1 when there was none (refused, reset, timed out). */
  record Answer(int status, long nanos, String error) {
    boolean acknowledged() {
      return status >= 200 && status < 300;
    }
  }

  /** A status and body of an admin or sandbox call. */
  record Reply(int status, String body) {}

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String url;
  private final String secret;
  private final String admin =
      "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

  ServiceClient(String url, String secret) {
    this.url = url;
    this.secret = secret;
  }

  /** A SKU of the harness's own with one unit per order. */
  void stock(String sku, int units) throws IOException, InterruptedException {
    stock(sku, "fault harness", units);
  }

  void stock(String sku, String name, int units) throws IOException, InterruptedException {
    Reply reply =
        send(
            request("/sandbox/skus/" + sku)
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"" + name + "\",\"price\":1990,\"stock\":" + units + "}")));
    if (reply.status() != 200) {
      throw new IllegalStateException("cannot stock " + sku + ": " + reply);
    }
  }

  Order placeOrder(String buyer, String sku) throws IOException, InterruptedException {
    String body =
        "{\"userId\":\"" + buyer + "\",\"items\":[{\"skuId\":\"" + sku + "\",\"quantity\":1}]}";
    Reply reply =
        send(
            request("/sandbox/orders")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    if (reply.status() != 201) {
      throw new IllegalStateException("cannot place an order: " + reply);
    }
    JsonNode placed = JSON.readTree(reply.body());
    return new Order(placed.get("orderNo").asText(), placed.get("payable").asLong());
  }

  /**
   * The generic notice exactly as {@link LoadGenerator} builds it; the body stays the same for
   * every retry, only the signature is fresh.
   */
  static byte[] notice(Order order, String transactionId, Instant paidAt) {
    Map<String, Object> notice = new LinkedHashMap<>();
    notice.put("transactionId", transactionId);
    notice.put("orderNo", order.orderNo());
    notice.put("amount", order.payable());
    notice.put("currency", "CNY");
    notice.put("status", "SUCCESS");
    notice.put("paidAt", paidAt.toString());
    try {
      return JSON.writeValueAsBytes(notice);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends one notice, freshly signed, and never throws: no answer is an answer too. */
  Answer notify(byte[] body) {
    long sent = System.nanoTime();
    try {
      HttpRequest request =
          request("/notify/generic")
              .timeout(NOTICE_TIMEOUT)
              .header("Content-Type", "application/json")
              .header("Paycallback-Signature", signature(body, Instant.now()))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return new Answer(status, System.nanoTime() - sent, null);
    } catch (IOException e) {
      return new Answer(-1, System.nanoTime() - sent, e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, System.nanoTime() - sent, "interrupted");
    }
  }

  String signature(byte[] body, Instant at) {
    long t = at.getEpochSecond();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
      return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates or resets a demo buyer with no coupons. */
  void putBuyer(String userId, long points, long balance) throws IOException, InterruptedException {
    Reply reply =
        send(
            request("/sandbox/users/" + userId)
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"points\":" + points + ",\"balance\":" + balance + ",\"coupons\":[]}")));
    if (reply.status() != 200) {
      throw new IllegalStateException("cannot create buyer " + userId + ": " + reply);
    }
  }

  /**
   * {@code POST /sandbox/ceiling}: what Temporal alone settles, the real workflow with empty steps;
   * {@code concurrency} 0 starts them all at once. Waits as long as the service's own limit of a
   * ceiling run (ten minutes) and a little more.
   */
  JsonNode ceiling(int settlements, int concurrency) throws IOException, InterruptedException {
    Reply reply =
        send(
            request("/sandbox/ceiling")
                .timeout(Duration.ofMinutes(11))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"settlements\":"
                            + settlements
                            + ",\"concurrency\":"
                            + concurrency
                            + "}")));
    if (reply.status() != 200) {
      throw new IOException("POST /sandbox/ceiling: " + reply.status() + " " + reply.body());
    }
    return JSON.readTree(reply.body());
  }

  /** {@code GET /sandbox/keys}: the simulated gateways' signing material, or null. */
  JsonNode sandboxKeys() throws IOException, InterruptedException {
    return readJson("/sandbox/keys", false);
  }

  JsonNode catalog() throws IOException, InterruptedException {
    return readJson("/sandbox/catalog", false);
  }

  /** {@code GET /sandbox/orders/{no}}, or null when it is unknown. */
  JsonNode order(String orderNo) throws IOException, InterruptedException {
    return readJson("/sandbox/orders/" + orderNo, false);
  }

  /** {@code GET /admin/settlements/{tx}}, or null when there is no settlement. */
  JsonNode settlement(String transactionId) throws IOException, InterruptedException {
    return readJson("/admin/settlements/" + transactionId, true);
  }

  /** {@code GET /admin/settlements?status=..&limit=500} (the API's ceiling). */
  JsonNode settlements(String status) throws IOException, InterruptedException {
    return readJson("/admin/settlements?status=" + status + "&limit=500", true);
  }

  /** {@code POST /admin/settlements/{tx}/{action}}: retry, skip, compensate or restart. */
  Reply act(String transactionId, String action) throws IOException, InterruptedException {
    return send(
        request("/admin/settlements/" + transactionId + "/" + action)
            .header("Authorization", admin)
            // The admin API refuses state-changing requests without it (cross-site forgery).
            .header("X-Requested-By", "loadgen")
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  Reply injectFault(String step, String mode) throws IOException, InterruptedException {
    return send(
        request("/sandbox/faults")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"step\":\"" + step + "\",\"mode\":\"" + mode + "\"}")));
  }

  Reply clearFault(String step) throws IOException, InterruptedException {
    return send(request("/sandbox/faults/" + step).DELETE());
  }

  /**
   * A read that outlasts today's slow pool: 5xx and no answer are retried for up to two minutes;
   * 404 is null.
   */
  private JsonNode readJson(String path, boolean asAdmin) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    String last = null;
    while (Instant.now().isBefore(deadline)) {
      HttpRequest.Builder request = request(path);
      if (asAdmin) {
        request.header("Authorization", admin);
      }
      try {
        Reply reply = send(request);
        if (reply.status() == 200) {
          return JSON.readTree(reply.body());
        }
        if (reply.status() == 404) {
          return null;
        }
        last = reply.status() + " " + reply.body();
        if (reply.status() < 500) {
          break;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(1000);
    }
    throw new IOException("GET " + path + " failed: " + last);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(url + path)).timeout(READ_TIMEOUT);
  }

  private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.body());
  }
}
