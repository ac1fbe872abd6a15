package com.paycallback.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** A gateway's refund endpoint on 127.0.0.1, answering through a test-supplied handler. */
public final class FakeGateway implements AutoCloseable {

  /** What the handler answers. */
  public record Answer(int status, Map<String, String> headers, String body) {}

  /** A request as the gateway received it. */
  public record Received(String method, String path, Map<String, String> headers, String body) {}

  public interface Handler {
    Answer handle(Received request) throws Exception;
  }

  private final HttpServer server;

  public FakeGateway(Handler handler) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> respond(exchange, handler));
    server.start();
  }

  private static void respond(HttpExchange exchange, Handler handler) throws IOException {
    Answer answer;
    try {
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
      answer =
          handler.handle(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  headers,
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    } catch (Exception e) {
      answer = new Answer(500, Map.of(), "{\"error\":\"" + e.getMessage() + "\"}");
    }
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
