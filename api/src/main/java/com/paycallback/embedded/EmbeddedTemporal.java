package com.paycallback.embedded;

import com.paycallback.settlement.SettlementSearchAttributes;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Temporal's in-memory test server on 127.0.0.1 for the embedded default, with the settlement
 * search attributes registered. It runs in real time (no time skipping) and forgets everything on
 * exit, which is why the dispatcher's first sweep starts unfinished settlements again at start-up.
 *
 * <p>{@code TestServer.createPortBoundServer} would listen on every interface; this wires the same
 * services onto a loopback-only socket.
 */
@Component
@ConditionalOnProperty(name = "paycallback.embedded.temporal", havingValue = "true")
class EmbeddedTemporal implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporal.class);

  private final TestServicesStarter services;
  private final Server server;

  EmbeddedTemporal(EmbeddedProperties properties) {
    services = new TestServicesStarter(true, 0);
    TestServerLockEvents.forget(services);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(
            new InetSocketAddress("127.0.0.1", properties.temporalPort()));
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    try {
      server = builder.build().start();
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException(
          "cannot bind Temporal's test server to 127.0.0.1:" + properties.temporalPort(), e);
    }
    try {
      registerSearchAttributes(properties.temporalPort());
    } catch (RuntimeException e) {
      server.shutdownNow();
      services.close();
      throw e;
    }
    log.info("Temporal test server listening on 127.0.0.1:{}", properties.temporalPort());
  }

  private static void registerSearchAttributes(int port) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + port)
                .validateAndBuildWithDefaults());
    try {
      operator
          .blockingStub()
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
                  .setNamespace("default")
                  .putAllSearchAttributes(
                      SettlementSearchAttributes.ALL.stream()
                          .collect(
                              Collectors.toMap(
                                  SearchAttributeKey::getName, SearchAttributeKey::getValueType)))
                  .build());
    } finally {
      operator.shutdownNow();
    }
  }

  @Override
  public void destroy() throws InterruptedException {
    server.shutdown();
    server.awaitTermination(5, TimeUnit.SECONDS);
    services.close();
    server.shutdownNow();
  }
}
