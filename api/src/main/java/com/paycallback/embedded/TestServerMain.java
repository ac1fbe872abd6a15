package com.paycallback.embedded;

import ch.qos.logback.classic.Level;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's test server in a JVM of its own, for the embedded default (see {@link
 * EmbeddedTemporal}): {@code TestServerMain <port>}. It binds 127.0.0.1 only, prints {@value
 * #READY} once it listens, and exits when its standard input closes — when the service that started
 * it stops or dies, however it dies.
 */
public final class TestServerMain {

  /** The line that tells the service the server listens. */
  public static final String READY = "paycallback-temporal-test-server-ready";

  private TestServerMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: TestServerMain <port>");
      System.exit(2);
    }
    quietLogging();
    try (LoopbackTestServer server = LoopbackTestServer.start(Integer.parseInt(args[0]))) {
      System.out.println(READY);
      System.out.flush();
      awaitEndOf(System.in);
    }
    System.exit(0);
  }

  /** Without the service's logging set-up Logback logs everything: warnings are enough here. */
  private static void quietLogging() {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.WARN);
    }
  }

  private static void awaitEndOf(InputStream parent) throws IOException {
    byte[] ignored = new byte[64];
    while (parent.read(ignored) != -1) {
      // nothing is sent: the stream only tells that the service is alive
    }
  }

  /**
   * The test server's services on a loopback-only socket ({@code TestServer.createPortBoundServer}
   * would listen on every interface), with its leaking debug list replaced ({@link
   * TestServerLockEvents}).
   */
  static final class LoopbackTestServer implements AutoCloseable {
    private final TestServicesStarter services;
    private final Server server;

    private LoopbackTestServer(TestServicesStarter services, Server server) {
      this.services = services;
      this.server = server;
    }

    static LoopbackTestServer start(int port) {
      TestServicesStarter services = new TestServicesStarter(true, 0);
      TestServerLockEvents.forget(services);
      NettyServerBuilder builder =
          NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
      GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
      try {
        return new LoopbackTestServer(services, builder.build().start());
      } catch (IOException e) {
        services.close();
        throw new UncheckedIOException(
            "cannot bind Temporal's test server to 127.0.0.1:" + port, e);
      }
    }

    @Override
    public void close() {
      server.shutdown();
      try {
        server.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      services.close();
      server.shutdownNow();
    }
  }
}
