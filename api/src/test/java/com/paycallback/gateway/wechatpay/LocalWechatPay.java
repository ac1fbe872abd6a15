package com.paycallback.gateway.wechatpay;

import com.paycallback.crypto.RsaVerifier;
import com.paycallback.sandbox.WechatPayNoticeSigner;
import com.paycallback.sandbox.WechatPaySandboxKeys;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WeChat Pay's API v3 on 127.0.0.1 for client tests: it checks the merchant's {@code
 * WECHATPAY2-SHA256-RSA2048} Authorization like WeChat Pay (401 SIGN_ERROR otherwise) and signs
 * every answer with a platform key, RSA or SM2, named by a public key id or a certificate serial.
 * Keys are made up per test.
 */
final class LocalWechatPay implements AutoCloseable {

  static final String MCH_ID = "1900000109";
  static final String APP_ID = "wxd678efh567hg6787";
  static final String MERCHANT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";

  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /** A request as WeChat Pay received it; the path with its raw query, as the merchant signed. */
  record Received(String method, String pathAndQuery, Map<String, String> headers, String body) {}

  /** What the test's handler answers, before signing. */
  record Reply(int status, String body) {}

  interface Handler {
    Reply handle(Received request) throws Exception;
  }

  final KeyPair merchant = WechatPaySandboxKeys.generateRsaKeyPair();
  final List<Received> received = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private volatile WechatPayNoticeSigner answerSigner;

  /**
   * @param answerSigner signs the answers; tests may swap it for a stranger's with {@link
   *     #signAnswersWith}
   */
  LocalWechatPay(WechatPayNoticeSigner answerSigner, Handler handler) {
    this.answerSigner = answerSigner;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> respond(exchange, handler));
    server.start();
  }

  private void respond(HttpExchange exchange, Handler handler) throws IOException {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
    String query = exchange.getRequestURI().getRawQuery();
    Received request =
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
            headers,
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    received.add(request);
    Reply reply;
    try {
      reply =
          authorized(request)
              ? handler.handle(request)
              : new Reply(401, "{\"code\":\"SIGN_ERROR\",\"message\":\"签名错误\"}");
    } catch (Exception e) {
      reply = new Reply(500, "");
    }
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    if (body.length > 0) {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
    }
    WechatPayNoticeSigner signer = this.answerSigner;
    if (signer != null) {
      signer.signBody(body).asMap().forEach(exchange.getResponseHeaders()::add);
    }
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  /** Answers signed by another key from now on, or unsigned (null). */
  void signAnswersWith(WechatPayNoticeSigner signer) {
    this.answerSigner = signer;
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Our caller, configured like production with this gateway as WeChat Pay's host. */
  WechatPayApi api(WechatPayKeyring trusted) {
    return new WechatPayApi(
        new WechatPayMerchant(MCH_ID, merchant.getPrivate(), MERCHANT_SERIAL, this::baseUrl),
        new WechatPaySignatureVerifier(trusted, Duration.ofMinutes(5), Clock.systemUTC()),
        HttpClient.newHttpClient(),
        Clock.systemUTC());
  }

  private boolean authorized(Received request) {
    String authorization = request.headers().getOrDefault("Authorization", "");
    Map<String, String> auth = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(authorization);
    while (m.find()) {
      auth.put(m.group(1), m.group(2));
    }
    return authorization.startsWith("WECHATPAY2-SHA256-RSA2048 ")
        && MCH_ID.equals(auth.get("mchid"))
        && MERCHANT_SERIAL.equals(auth.get("serial_no"))
        && new RsaVerifier()
            .verify(
                merchant.getPublic(),
                (request.method()
                        + "\n"
                        + request.pathAndQuery()
                        + "\n"
                        + auth.get("timestamp")
                        + "\n"
                        + auth.get("nonce_str")
                        + "\n"
                        + request.body()
                        + "\n")
                    .getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(auth.getOrDefault("signature", "")));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
