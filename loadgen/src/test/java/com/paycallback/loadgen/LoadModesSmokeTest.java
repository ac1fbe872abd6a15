package com.paycallback.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each load mode starts against the real embedded default — the packaged service, its MariaDB and
 * Temporal's test server, on free ports — runs on small numbers, and reports a summary whose
 * exactly-once check passed. A smoke test, not a benchmark: it shows the modes work, not how fast.
 */
class LoadModesSmokeTest {

  /** Built by the api module's package phase, which the reactor runs before this module's tests. */
  private static final Path SERVICE_JAR = Path.of("../api/target/paycallback.jar");

  private static Path dir;
  private static ServiceProcess service;
  private static String url;

  @BeforeAll
  static void startTheEmbeddedDefault() throws Exception {
    assumeTrue(
        Files.exists(SERVICE_JAR), "the packaged service is built by ./mvnw package or verify");
    dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "load-smoke-");
    int http = freePort();
    int management = freePort();
    int database = freePort();
    int temporal = freePort();
    url = "http://127.0.0.1:" + http;
    service =
        new ServiceProcess(
            SERVICE_JAR,
            dir.toAbsolutePath(),
            List.of(
                "--server.port=" + http,
                "--management.server.port=" + management,
                "--paycallback.embedded.database-port=" + database,
                "--paycallback.embedded.temporal-port=" + temporal,
                // Forged notices claim another address (X-Forwarded-For), as a flood from
                // elsewhere would; the genuine ones come from loopback and are never throttled.
                "--paycallback.trusted-proxies[0]=127.0.0.1/32",
                // Notices from loopback, or (a flood's genuine ones) from a gateway's address.
                "--paycallback.channels.alipay.allowed-ips=127.0.0.1/32,203.0.113.0/24",
                "--paycallback.channels.wechatpay.allowed-ips=127.0.0.1/32,203.0.113.0/24",
                "--paycallback.channels.generic.allowed-ips=127.0.0.1/32,203.0.113.0/24"),
            url,
            http,
            management,
            database,
            temporal);
    service.start();
  }

  @AfterAll
  static void stopTheService() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void burstAcknowledgesAndSettlesEveryNoticeOfEveryChannelOnce() throws Exception {
    JsonNode summary = run("burst", "--notices", "16", "--buyers", "3", "--skus", "2");

    assertThat(summary.path("figures").path("orders acknowledged").asInt()).isEqualTo(16);
    assertThat(summary.path("figures").path("orders settled").asInt()).isEqualTo(16);
    assertThat(summary.path("figures").path("signing").asText()).contains("pre-signed");
    assertThat(summary.path("figures").path("genuine answer ms").path("count").asInt())
        .isEqualTo(16);
    assertCeilingMeasured(summary, 16);
  }

  @Test
  void stormAnswersEveryCopyAndSettlesEachOrderOnce() throws Exception {
    JsonNode summary = run("storm", "--notices", "4", "--copies", "5", "--buyers", "2");

    assertThat(summary.path("figures").path("storm notices").asInt()).isEqualTo(20);
    assertThat(summary.path("figures").path("orders settled").asInt()).isEqualTo(4);
    assertThat(summary.path("figures").path("genuine answer ms").path("count").asInt())
        .isEqualTo(20);
  }

  @Test
  void steadyReportsNoticeToSettledPercentiles() throws Exception {
    JsonNode summary = run("steady", "--rate", "4", "--duration", "2s", "--buyers", "2");

    assertThat(summary.path("figures").path("orders settled").asInt()).isEqualTo(8);
    assertThat(summary.path("figures").path("notice -> SETTLED ms (service clock)").path("p99"))
        .isNotNull();
    assertThat(
            summary
                .path("figures")
                .path("notice -> SETTLED ms (service clock)")
                .path("p99")
                .asLong())
        .isPositive();
    assertCeilingMeasured(summary, 8);
  }

  @Test
  void floodRefusesForgeriesApartFromTheGenuineNotices() throws Exception {
    JsonNode summary =
        run(
            "flood",
            "--rate",
            "4",
            "--duration",
            "2s",
            "--forged-concurrency",
            "2",
            "--genuine-from",
            "203.0.113.10",
            "--buyers",
            "2");

    assertThat(summary.path("figures").path("orders settled").asInt()).isEqualTo(8);
    assertThat(summary.path("figures").path("forged notices").asInt()).isPositive();
    // Refused for their address, or (past the source's budget of failures) before any crypto.
    assertThat(summary.path("figures").path("forged answers by status").fieldNames())
        .toIterable()
        .isNotEmpty()
        .allSatisfy(status -> assertThat(status).isIn("403", "429"));
    assertThat(summary.path("figures").path("genuine answers by status").fieldNames())
        .toIterable()
        .allSatisfy(status -> assertThat(status).startsWith("2"));
  }

  /** The ceiling was measured after the run with as many settlements, and the ratio reported. */
  private static void assertCeilingMeasured(JsonNode summary, int settlements) {
    JsonNode figures = summary.path("figures");
    assertThat(figures.path("ceiling settlements").asInt()).isEqualTo(settlements);
    assertThat(figures.path("ceiling settlements/s").isNumber())
        .as(figures.path("ceiling settlements/s").toString())
        .isTrue();
    assertThat(figures.path("ceiling settlements/s").asDouble()).isPositive();
    assertThat(figures.path("ratio").asDouble()).isPositive();
  }

  /** Runs a mode, asserts it passed, and returns the JSON summary it wrote. */
  private static JsonNode run(String mode, String... more) throws Exception {
    Path json = dir.resolve(mode + ".json");
    List<String> args = new ArrayList<>(List.of("--mode", mode, "--url", url));
    args.addAll(List.of("--concurrency", "8", "--settle-timeout", "2m", "--json", json.toString()));
    args.addAll(List.of(more));

    int exit = LoadGenerator.run(args.toArray(String[]::new));

    JsonNode summary = ServiceClient.JSON.readTree(json.toFile());
    assertThat(summary.path("failures")).isEmpty();
    assertThat(summary.path("passed").asBoolean()).isTrue();
    assertThat(exit).isZero();
    return summary;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
