package com.paycallback.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.ServiceTest;
import com.paycallback.db.ShopFixture;
import com.paycallback.gateway.alipay.AlipayNotices;
import com.paycallback.gateway.generic.HmacSignatureVerifier;
import com.paycallback.gateway.wechatpay.WechatPayHeaders;
import com.paycallback.sandbox.SignedWechatPayNotice;
import com.paycallback.shop.PlacedOrder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input on every channel: each case gets the protocol's failure answer with its reason code,
 * leaves exactly one audit row with that code, and changes no business row.
 */
class NoticeRejectionTest extends ServiceTest {

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String JSON = "application/json";

  private final ObjectMapper json = new ObjectMapper();

  /** The order a case aims at, and a fresh transaction id. */
  record Target(String orderNo, long payable, String transactionId) {}

  record Request(String path, String contentType, Map<String, String> headers, byte[] body) {}

  record Case(String name, int status, ReasonCode reason, Function<Target, Request> request) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    // Alipay: form POST signed RSA2
    cases.add(
        alipayRaw("alipay: malformed percent escape", 400, ReasonCode.MALFORMED, t -> "a=%ZZ&b=1"));
    cases.add(
        alipayRaw("alipay: field without '='", 400, ReasonCode.MALFORMED, t -> "app_id&sign=x"));
    cases.add(
        alipayRaw(
            "alipay: repeated parameter",
            400,
            ReasonCode.MALFORMED,
            t -> AlipayNotices.form(alipaySigned(t, p -> {})) + "&trade_no=" + t.transactionId()));
    cases.add(
        alipay(
            "alipay: missing sign",
            401,
            ReasonCode.SIGNATURE_MISSING,
            p -> p.remove("sign"),
            true));
    cases.add(
        alipay(
            "alipay: empty sign", 401, ReasonCode.SIGNATURE_MISSING, p -> p.put("sign", ""), true));
    cases.add(
        alipay(
            "alipay: tampered amount",
            401,
            ReasonCode.SIGNATURE_INVALID,
            p -> p.put("total_amount", "0.01"),
            true));
    cases.add(
        alipayRaw(
            "alipay: signed by another key",
            401,
            ReasonCode.SIGNATURE_INVALID,
            t ->
                AlipayNotices.form(
                    AlipayNotices.signed(alipayParams(t), AlipayNotices.newKeyPair()))));
    cases.add(
        alipay(
            "alipay: sign_type RSA (SHA-1)",
            401,
            ReasonCode.SIGNATURE_INVALID,
            p -> p.put("sign_type", "RSA"),
            true));
    cases.add(
        alipay(
            "alipay: unsupported charset",
            400,
            ReasonCode.MALFORMED,
            p -> p.put("charset", "latin1"),
            false));
    cases.add(
        alipay(
            "alipay: another app id",
            400,
            ReasonCode.APP_ID_MISMATCH,
            p -> p.put("app_id", "2021999999999999"),
            false));
    cases.add(
        alipay(
            "alipay: another seller",
            400,
            ReasonCode.MERCHANT_MISMATCH,
            p -> p.put("seller_id", "2088999999999999"),
            false));
    cases.add(
        alipay(
            "alipay: unknown order",
            400,
            ReasonCode.UNKNOWN_ORDER,
            p -> p.put("out_trade_no", "PO-NOT-OURS"),
            false));
    cases.add(
        alipay(
            "alipay: missing trade_no",
            400,
            ReasonCode.MALFORMED,
            p -> p.remove("trade_no"),
            false));
    cases.add(
        alipay(
            "alipay: three decimals",
            400,
            ReasonCode.MALFORMED,
            p -> p.put("total_amount", "17.001"),
            false));
    cases.add(
        alipay(
            "alipay: WAIT_BUYER_PAY is not paid",
            200,
            ReasonCode.NOT_PAID_STATUS,
            p -> p.put("trade_status", "WAIT_BUYER_PAY"),
            false));
    cases.add(
        new Case(
            "alipay: JSON content type",
            415,
            ReasonCode.UNSUPPORTED_MEDIA_TYPE,
            t ->
                new Request(
                    "/notify/alipay", JSON, Map.of(), "{}".getBytes(StandardCharsets.UTF_8))));
    cases.add(
        new Case(
            "alipay: oversize body",
            413,
            ReasonCode.BODY_TOO_LARGE,
            t ->
                new Request(
                    "/notify/alipay",
                    FORM,
                    Map.of(),
                    ("a=" + "x".repeat(70_000)).getBytes(StandardCharsets.US_ASCII))));

    // WeChat Pay: JSON signed over timestamp\nnonce\nbody\n, resource encrypted with the APIv3 key
    cases.add(
        wechat(
            "wechatpay: missing signature header",
            401,
            ReasonCode.SIGNATURE_MISSING,
            h -> h.remove(WechatPayHeaders.SIGNATURE)));
    cases.add(
        wechat(
            "wechatpay: missing timestamp header",
            401,
            ReasonCode.SIGNATURE_MISSING,
            h -> h.remove(WechatPayHeaders.TIMESTAMP)));
    cases.add(
        wechat(
            "wechatpay: unknown serial",
            401,
            ReasonCode.UNKNOWN_KEY,
            h -> h.put(WechatPayHeaders.SERIAL, "PUB_KEY_ID_0199999999")));
    cases.add(
        wechat(
            "wechatpay: SIGNTEST probe",
            401,
            ReasonCode.SIGNATURE_INVALID,
            h ->
                h.put(
                    WechatPayHeaders.SIGNATURE,
                    "WECHATPAY/SIGNTEST/" + h.get(WechatPayHeaders.SIGNATURE))));
    cases.add(
        wechat(
            "wechatpay: signature not base64",
            401,
            ReasonCode.SIGNATURE_INVALID,
            h -> h.put(WechatPayHeaders.SIGNATURE, "%%%not-base64%%%")));
    cases.add(
        new Case(
            "wechatpay: stale timestamp",
            401,
            ReasonCode.STALE_TIMESTAMP,
            t ->
                wechatRequest(
                    signed(
                        t, tx -> {}, API_V3_KEY, TestNotices.clockOffBy(Duration.ofMinutes(-6))))));
    cases.add(
        new Case(
            "wechatpay: timestamp from the future",
            401,
            ReasonCode.STALE_TIMESTAMP,
            t ->
                wechatRequest(
                    signed(
                        t, tx -> {}, API_V3_KEY, TestNotices.clockOffBy(Duration.ofMinutes(6))))));
    cases.add(
        new Case(
            "wechatpay: tampered body",
            401,
            ReasonCode.SIGNATURE_INVALID,
            t -> {
              SignedWechatPayNotice notice = signed(t, tx -> {}, API_V3_KEY, Clock.systemUTC());
              String body =
                  new String(notice.body(), StandardCharsets.UTF_8)
                      .replace("TRANSACTION.SUCCESS", "TRANSACTION.SUCCESS ");
              return new Request(
                  "/notify/wechatpay",
                  JSON,
                  notice.headers().asMap(),
                  body.getBytes(StandardCharsets.UTF_8));
            }));
    cases.add(
        new Case(
            "wechatpay: resource encrypted with another APIv3 key",
            400,
            ReasonCode.DECRYPTION_FAILED,
            t ->
                wechatRequest(
                    signed(t, tx -> {}, "0123456789abcdef0123456789abcdef", Clock.systemUTC()))));
    cases.add(
        new Case(
            "wechatpay: broken JSON, genuinely signed",
            400,
            ReasonCode.MALFORMED,
            t -> {
              byte[] body = "{\"id\":\"x\",\"resource\":".getBytes(StandardCharsets.UTF_8);
              return new Request(
                  "/notify/wechatpay",
                  JSON,
                  TestNotices.wechatSignature(body, WECHATPAY.getPrivate(), WECHATPAY_KEY_ID)
                      .asMap(),
                  body);
            }));
    cases.add(
        wechatTx(
            "wechatpay: another merchant",
            400,
            ReasonCode.MERCHANT_MISMATCH,
            tx -> tx.put("mchid", "1900000999")));
    cases.add(
        wechatTx(
            "wechatpay: another app id",
            400,
            ReasonCode.APP_ID_MISMATCH,
            tx -> tx.put("appid", "wx0000000000000000")));
    cases.add(
        wechatTx(
            "wechatpay: unknown order",
            400,
            ReasonCode.UNKNOWN_ORDER,
            tx -> tx.put("out_trade_no", "PO-NOT-OURS")));
    cases.add(
        wechatTx(
            "wechatpay: NOTPAY is not paid",
            204,
            ReasonCode.NOT_PAID_STATUS,
            tx -> tx.put("trade_state", "NOTPAY")));
    cases.add(
        new Case(
            "wechatpay: form content type",
            415,
            ReasonCode.UNSUPPORTED_MEDIA_TYPE,
            t ->
                new Request(
                    "/notify/wechatpay", FORM, Map.of(), "a=b".getBytes(StandardCharsets.UTF_8))));

    // Issue 11: a wildcard is compatible with every type, and says nothing about the body.
    for (String wildcard : List.of("*/*", "application/*", "*/*; charset=utf-8")) {
      cases.add(
          new Case(
              "generic: content type " + wildcard,
              415,
              ReasonCode.UNSUPPORTED_MEDIA_TYPE,
              t -> {
                byte[] body = genericBody(t, n -> {});
                return new Request(
                    "/notify/generic",
                    wildcard,
                    TestNotices.genericHeaders(GENERIC_SECRET, Instant.now(), body),
                    body);
              }));
    }
    cases.add(
        new Case(
            "alipay: content type */*",
            415,
            ReasonCode.UNSUPPORTED_MEDIA_TYPE,
            t ->
                new Request(
                    "/notify/alipay",
                    "*/*",
                    Map.of(),
                    AlipayNotices.form(alipaySigned(t, p -> {}))
                        .getBytes(StandardCharsets.UTF_8))));

    // Generic: JSON with Paycallback-Signature: t=..,v1=..
    cases.add(
        new Case(
            "generic: missing signature",
            401,
            ReasonCode.SIGNATURE_MISSING,
            t -> new Request("/notify/generic", JSON, Map.of(), genericBody(t, n -> {}))));
    cases.add(
        generic(
            "generic: unknown secret",
            401,
            ReasonCode.SIGNATURE_INVALID,
            n -> {},
            "not-the-secret",
            Instant.now()));
    cases.add(
        generic(
            "generic: stale t",
            401,
            ReasonCode.STALE_TIMESTAMP,
            n -> {},
            GENERIC_SECRET,
            Instant.now().minus(Duration.ofMinutes(6))));
    cases.add(
        generic(
            "generic: amount as a decimal",
            400,
            ReasonCode.MALFORMED,
            n -> n.put("amount", 17.0),
            GENERIC_SECRET,
            Instant.now()));
    cases.add(
        generic(
            "generic: amount as a string",
            400,
            ReasonCode.MALFORMED,
            n -> n.put("amount", "1700"),
            GENERIC_SECRET,
            Instant.now()));
    cases.add(
        generic(
            "generic: missing orderNo",
            400,
            ReasonCode.MALFORMED,
            n -> n.remove("orderNo"),
            GENERIC_SECRET,
            Instant.now()));
    cases.add(
        generic(
            "generic: unknown order",
            400,
            ReasonCode.UNKNOWN_ORDER,
            n -> n.put("orderNo", "PO-NOT-OURS"),
            GENERIC_SECRET,
            Instant.now()));
    cases.add(
        generic(
            "generic: FAILED is not paid",
            204,
            ReasonCode.NOT_PAID_STATUS,
            n -> n.put("status", "FAILED"),
            GENERIC_SECRET,
            Instant.now()));
    cases.add(
        new Case(
            "generic: duplicated JSON key, genuinely signed",
            400,
            ReasonCode.MALFORMED,
            t -> {
              String body = new String(genericBody(t, n -> {}), StandardCharsets.UTF_8);
              byte[] doubled =
                  body.replace("\"currency\"", "\"amount\":1,\"currency\"")
                      .getBytes(StandardCharsets.UTF_8);
              return new Request(
                  "/notify/generic",
                  JSON,
                  TestNotices.genericHeaders(GENERIC_SECRET, Instant.now(), doubled),
                  doubled);
            }));
    cases.add(
        new Case(
            "generic: broken JSON, genuinely signed",
            400,
            ReasonCode.MALFORMED,
            t -> {
              byte[] body = "{\"transactionId\":".getBytes(StandardCharsets.UTF_8);
              return new Request(
                  "/notify/generic",
                  JSON,
                  TestNotices.genericHeaders(GENERIC_SECRET, Instant.now(), body),
                  body);
            }));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badNoticeIsAnsweredWithItsReasonAndChangesNothing(Case c) throws IOException {
    ShopFixture shop = shop();
    String sku = shop.sku("TEA", 5000, 10);
    PlacedOrder order = shop.fullOrder(sku, 1);
    Target target = new Target(order.orderNo(), order.payable(), "TX" + shop.suffix);
    long lastNotice = lastNoticeId();

    Request request = c.request().apply(target);
    HttpResponse<String> answer =
        post(request.path(), request.contentType(), request.headers(), request.body());

    assertThat(answer.statusCode()).as("status").isEqualTo(c.status());
    assertAnswerForm(request.path(), answer, c.reason());
    assertThat(
            jdbc.sql("SELECT reason_code FROM payment_notices WHERE id > ? ORDER BY id")
                .param(lastNotice)
                .query(String.class)
                .list())
        .containsExactly(c.reason().name());
    assertNothingChanged(shop, sku, order);
  }

  @Test
  void replayedWechatPayNoticeIsRefusedInsideTheWindow() {
    ShopFixture shop = shop();
    String sku = shop.sku("MUG", 5900, 10);
    PlacedOrder order = shop.plainOrder(sku, 1);
    SignedWechatPayNotice notice =
        signed(
            new Target(order.orderNo(), order.payable(), "4200" + shop.suffix),
            tx -> tx.put("trade_state", "NOTPAY"),
            API_V3_KEY,
            Clock.systemUTC());

    assertThat(sendWechat(notice).statusCode()).isEqualTo(204);
    HttpResponse<String> replay = sendWechat(notice);

    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(replay.body()).contains("\"code\":\"FAIL\"").contains("REPLAYED_NONCE");
  }

  /**
   * Freshness comes before reading: a captured genuine request sent again is a replay whatever its
   * content, so the nonce is claimed even when the notice then fails on its content.
   */
  @Test
  void replayOfAGenuineNoticeForAnotherMerchantIsRefusedAsAReplay() {
    ShopFixture shop = shop();
    String sku = shop.sku("MUG", 5900, 10);
    PlacedOrder order = shop.plainOrder(sku, 1);
    SignedWechatPayNotice notice =
        signed(
            new Target(order.orderNo(), order.payable(), "4200" + shop.suffix),
            tx -> tx.put("mchid", "1900000999"),
            API_V3_KEY,
            Clock.systemUTC());

    HttpResponse<String> first = sendWechat(notice);
    HttpResponse<String> replay = sendWechat(notice);

    assertThat(first.statusCode()).isEqualTo(400);
    assertThat(first.body()).contains("MERCHANT_MISMATCH");
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(replay.body()).contains("REPLAYED_NONCE");
  }

  @Test
  void replayedGenericNoticeIsRefusedInsideTheTolerance() {
    ShopFixture shop = shop();
    String sku = shop.sku("MUG", 5900, 10);
    PlacedOrder order = shop.plainOrder(sku, 1);
    Target target = new Target(order.orderNo(), order.payable(), "GEN" + shop.suffix);
    byte[] body = genericBody(target, n -> n.put("status", "PENDING"));
    Map<String, String> headers =
        TestNotices.genericHeaders(GENERIC_OLD_SECRET, Instant.now(), body);

    assertThat(sendGeneric(body, headers).statusCode()).isEqualTo(204);
    assertThat(genericNonceClaimed(headers.get(HmacSignatureVerifier.HEADER), body)).isTrue();
    HttpResponse<String> replay = sendGeneric(body, headers);

    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(replay.body()).contains("REPLAYED_NONCE");
  }

  /**
   * Issue 11: the replay key comes from what was verified (t and the proven signature), so a
   * captured header written differently is still the same request.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("reformattedHeaders")
  void reformattedGenericHeaderIsStillAReplay(
      String name, java.util.function.BinaryOperator<String> reformat) {
    ShopFixture shop = shop();
    String sku = shop.sku("MUG", 5900, 10);
    PlacedOrder order = shop.plainOrder(sku, 1);
    Target target = new Target(order.orderNo(), order.payable(), "GEN" + shop.suffix);
    byte[] body = genericBody(target, n -> n.put("status", "PENDING"));
    String t = Long.toString(Instant.now().getEpochSecond());
    String rotating =
        com.paycallback.gateway.generic.HmacSigner.signatureHeader(
            List.of(GENERIC_SECRET, GENERIC_OLD_SECRET),
            Instant.ofEpochSecond(Long.parseLong(t)),
            body);
    String[] v1 = rotating.substring(rotating.indexOf(",v1=") + 4).split(",v1=");

    assertThat(sendGeneric(body, Map.of(HmacSignatureVerifier.HEADER, rotating)).statusCode())
        .isEqualTo(204);
    HttpResponse<String> replay =
        sendGeneric(
            body, Map.of(HmacSignatureVerifier.HEADER, reformat.apply(t, v1[0] + "|" + v1[1])));

    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(replay.body()).contains("REPLAYED_NONCE");
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> reformattedHeaders() {
    java.util.function.Function<String, String> current = v -> v.split("\\|")[0];
    java.util.function.Function<String, String> old = v -> v.split("\\|")[1];
    return Stream.of(
        org.junit.jupiter.params.provider.Arguments.of(
            "spaces",
            (java.util.function.BinaryOperator<String>)
                (t, v) -> " t = " + t + " ,  v1 = " + current.apply(v) + " "),
        org.junit.jupiter.params.provider.Arguments.of(
            "v1 before t",
            (java.util.function.BinaryOperator<String>)
                (t, v) -> "v1=" + old.apply(v) + ",v1=" + current.apply(v) + ",t=" + t),
        org.junit.jupiter.params.provider.Arguments.of(
            "an extra bogus v1",
            (java.util.function.BinaryOperator<String>)
                (t, v) -> "t=" + t + ",v1=" + "ab".repeat(32) + ",v1=" + current.apply(v)),
        org.junit.jupiter.params.provider.Arguments.of(
            "only the rotated-out secret's v1",
            (java.util.function.BinaryOperator<String>) (t, v) -> "t=" + t + ",v1=" + old.apply(v)),
        org.junit.jupiter.params.provider.Arguments.of(
            "an unknown part added",
            (java.util.function.BinaryOperator<String>)
                (t, v) -> "t=" + t + ",v0=xyz,v1=" + current.apply(v)));
  }

  /** Issue 11: a webhook is no login; an Authorization header is neither checked nor hashed. */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"Basic YWRtaW46d3Jvbmc=", "Basic bm90LWEtdXNlcjp4", "Bearer abc", "Basic %%%"})
  void authorizationHeaderOnAWebhookIsIgnored(String authorization) {
    ShopFixture shop = shop();
    String sku = shop.sku("CUP", 1000, 1);
    PlacedOrder order = shop.plainOrder(sku, 1);
    Target target = new Target(order.orderNo(), order.payable(), "GEN-AUTH-" + shop.suffix);
    byte[] body = genericBody(target, n -> {});
    Map<String, String> headers = new LinkedHashMap<>();
    headers.putAll(TestNotices.genericHeaders(GENERIC_SECRET, Instant.now(), body));
    headers.put("Authorization", authorization);

    HttpResponse<String> answer = sendGeneric(body, headers);

    assertThat(answer.statusCode()).isEqualTo(204);
    assertThat(lastReason()).isEqualTo("ACCEPTED");
  }

  /**
   * Issue 11: a body trickled (or stalled) is cut off at {@code paycallback.notice-read-timeout} (2
   * s by default): the gateway's answer limit is 5 s, and the thread is not held longer.
   */
  @ParameterizedTest(name = "a byte every {0} ms")
  @org.junit.jupiter.params.provider.ValueSource(ints = {200, 60_000})
  void slowBodyIsCutOffByTheReadDeadline(int byteEveryMillis) throws Exception {
    long lastNotice = lastNoticeId();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /notify/generic HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Content-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"a\":")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      Thread trickle =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 100; i++) {
                    Thread.sleep(byteEveryMillis);
                    out.write(' ');
                    out.flush();
                  }
                } catch (IOException | InterruptedException closed) {
                  // the server has cut us off: what this test expects
                }
              });
      trickle.start();
      String status;
      try {
        status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      } finally {
        trickle.interrupt();
      }
      long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

      assertThat(millis).as("answered or closed after %d ms", millis).isLessThan(3_500);
      if (!status.isEmpty()) {
        assertThat(status).startsWith("HTTP/1.1 408");
      }
    }
    assertThat(
            jdbc.sql("SELECT reason_code FROM payment_notices WHERE id > ? ORDER BY id")
                .param(lastNotice)
                .query(String.class)
                .list())
        .containsExactly("READ_TIMEOUT");
  }

  @Test
  void callerOutsideTheAllowlistIsRefusedAndChangesNothing() throws IOException {
    assertRefusedFrom("127.0.0.2");
  }

  @Test
  void forwardedForFromAnUntrustedPeerIsIgnored() throws IOException {
    // 10.1.2.3 is allowed, but only our proxy may say a request came from there.
    assertRefusedFrom("127.0.0.2", "10.1.2.3");
  }

  /**
   * Issue 11: several X-Forwarded-For lines are one list; the client's own line first, our proxy's
   * appended after it. Reading only the first line would believe the client's claim.
   */
  @Test
  void everyForwardedForLineCounts() throws IOException {
    assertRefusedFrom(TRUSTED_PROXY, "10.1.2.3", "198.51.100.7");
    assertRefusedFrom(TRUSTED_PROXY, "10.1.2.3", "198.51.100.7, 127.0.0.3");
  }

  @Test
  void forwardedForFromTheTrustedProxyIsBelieved() throws IOException {
    assertRefusedFrom(TRUSTED_PROXY, "198.51.100.7");

    // An allowed gateway behind our proxy (the right-most untrusted hop counts) gets through.
    ShopFixture shop = shop();
    String sku = shop.sku("CUP", 1000, 1);
    PlacedOrder order = shop.plainOrder(sku, 1);
    String transactionId = "GEN-PROXY-" + shop.suffix;
    assertThat(rawPaidNotice(TRUSTED_PROXY, List.of("203.0.113.9, 10.1.2.3"), order, transactionId))
        .isEqualTo(204);
    assertThat(lastReason()).isEqualTo("ACCEPTED");
    awaitSettlementStatus(transactionId, "SETTLED");
  }

  /** A genuine paid notice from {@code from}: refused by the allowlist, and nothing changed. */
  private void assertRefusedFrom(String from, String... forwardedFor) throws IOException {
    ShopFixture shop = shop();
    String sku = shop.sku("TEA", 5000, 10);
    PlacedOrder order = shop.fullOrder(sku, 1);

    assertThat(rawPaidNotice(from, List.of(forwardedFor), order, "GEN-IP-" + shop.suffix))
        .isEqualTo(403);

    assertThat(lastReason()).isEqualTo("IP_NOT_ALLOWED");
    assertNothingChanged(shop, sku, order);
  }

  /**
   * A signed generic notice paying {@code order}, sent over a socket bound to {@code from} (a
   * loopback address), so the service sees that peer address.
   *
   * @return the answer's HTTP status
   */
  private int rawPaidNotice(
      String from, List<String> forwardedFor, PlacedOrder order, String transactionId)
      throws IOException {
    byte[] body = genericBody(new Target(order.orderNo(), order.payable(), transactionId), n -> {});
    String signature =
        TestNotices.genericHeaders(GENERIC_SECRET, Instant.now(), body).values().iterator().next();
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(10_000);
      StringBuilder head = new StringBuilder();
      head.append("POST /notify/generic HTTP/1.1\r\n")
          .append("Host: 127.0.0.1:")
          .append(port)
          .append("\r\n")
          .append("Content-Type: application/json\r\n")
          .append("Content-Length: ")
          .append(body.length)
          .append("\r\n")
          .append("Paycallback-Signature: ")
          .append(signature)
          .append("\r\n")
          .append("Connection: close\r\n");
      for (String line : forwardedFor) {
        head.append("X-Forwarded-For: ").append(line).append("\r\n");
      }
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(statusLine.substring(9, 12));
    }
  }

  private void assertAnswerForm(String path, HttpResponse<String> answer, ReasonCode reason)
      throws IOException {
    if (path.equals("/notify/alipay")) {
      assertThat(answer.body()).isEqualTo(reason.acknowledged() ? "success" : "failure");
    } else if (reason.acknowledged()) {
      assertThat(answer.body()).isEmpty();
    } else {
      JsonNode body = json.readTree(answer.body());
      assertThat(body.get("code").asText()).isEqualTo("FAIL");
      assertThat(answer.body()).contains(reason.name());
    }
  }

  private void assertNothingChanged(ShopFixture shop, String sku, PlacedOrder order) {
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("PENDING_PAYMENT");
    assertThat(shop.sku(sku)).containsEntry("stock", 10).containsEntry("sales", 0);
    assertThat(shop.couponStatus()).isEqualTo("LOCKED");
    assertThat(shop.points()).containsEntry("frozen", 300L).containsEntry("available", 4700L);
    assertThat(shop.wallet()).containsEntry("frozen", 2000L).containsEntry("spent", 0L);
    assertThat(count("SELECT COUNT(*) FROM settlements WHERE order_no = ?", order.orderNo()))
        .isZero();
    assertThat(shop.outboxEvents(order.orderNo(), "OrderPaid")).isZero();
  }

  private long lastNoticeId() {
    return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM payment_notices").query(Long.class).single();
  }

  private String lastReason() {
    return jdbc.sql("SELECT reason_code FROM payment_notices ORDER BY id DESC LIMIT 1")
        .query(String.class)
        .single();
  }

  private HttpResponse<String> sendWechat(SignedWechatPayNotice notice) {
    return sendWith("/notify/wechatpay", notice.headers().asMap(), notice.body());
  }

  private HttpResponse<String> sendGeneric(byte[] body, Map<String, String> headers) {
    return sendWith("/notify/generic", headers, body);
  }

  private HttpResponse<String> sendWith(String path, Map<String, String> headers, byte[] body) {
    return post(path, JSON, headers, body);
  }

  // ---- case builders

  private static Map<String, String> alipayParams(Target t) {
    return AlipayNotices.paid(
        APP_ID, SELLER_ID, t.transactionId(), t.orderNo(), AlipayNotices.yuan(t.payable()));
  }

  private static Map<String, String> alipaySigned(
      Target t, java.util.function.Consumer<Map<String, String>> change) {
    Map<String, String> params = alipayParams(t);
    change.accept(params);
    return AlipayNotices.signed(params, ALIPAY);
  }

  private static Case alipayRaw(
      String name, int status, ReasonCode reason, Function<Target, String> form) {
    return new Case(
        name,
        status,
        reason,
        t ->
            new Request(
                "/notify/alipay", FORM, Map.of(), form.apply(t).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * @param afterSigning change the signed notice (tampering) rather than the notice before signing
   */
  private static Case alipay(
      String name,
      int status,
      ReasonCode reason,
      java.util.function.Consumer<Map<String, String>> change,
      boolean afterSigning) {
    return alipayRaw(
        name,
        status,
        reason,
        t -> {
          Map<String, String> params;
          if (afterSigning) {
            params = new LinkedHashMap<>(alipaySigned(t, p -> {}));
            change.accept(params);
          } else {
            params = alipaySigned(t, change);
          }
          return AlipayNotices.form(params);
        });
  }

  private static SignedWechatPayNotice signed(
      Target t,
      java.util.function.Consumer<Map<String, Object>> change,
      String apiV3Key,
      Clock clock) {
    Map<String, Object> transaction =
        TestNotices.wechatTransaction(
            WECHAT_APP_ID, MCH_ID, t.transactionId(), t.orderNo(), t.payable());
    change.accept(transaction);
    return TestNotices.wechatSigned(
        transaction, WECHATPAY.getPrivate(), WECHATPAY_KEY_ID, apiV3Key, clock);
  }

  private static Request wechatRequest(SignedWechatPayNotice notice) {
    return new Request("/notify/wechatpay", JSON, notice.headers().asMap(), notice.body());
  }

  private static Case wechat(
      String name,
      int status,
      ReasonCode reason,
      java.util.function.Consumer<Map<String, String>> headers) {
    return new Case(
        name,
        status,
        reason,
        t ->
            wechatRequest(
                TestNotices.withHeaders(
                    signed(t, tx -> {}, API_V3_KEY, Clock.systemUTC()), headers)));
  }

  private static Case wechatTx(
      String name,
      int status,
      ReasonCode reason,
      java.util.function.Consumer<Map<String, Object>> change) {
    return new Case(
        name, status, reason, t -> wechatRequest(signed(t, change, API_V3_KEY, Clock.systemUTC())));
  }

  private static byte[] genericBody(
      Target t, java.util.function.Consumer<Map<String, Object>> change) {
    Map<String, Object> notice =
        TestNotices.genericNotice(t.transactionId(), t.orderNo(), t.payable());
    change.accept(notice);
    return TestNotices.json(notice).getBytes(StandardCharsets.UTF_8);
  }

  private static Case generic(
      String name,
      int status,
      ReasonCode reason,
      java.util.function.Consumer<Map<String, Object>> change,
      String secret,
      Instant at) {
    return new Case(
        name,
        status,
        reason,
        t -> {
          byte[] body = genericBody(t, change);
          return new Request(
              "/notify/generic", JSON, TestNotices.genericHeaders(secret, at, body), body);
        });
  }
}
