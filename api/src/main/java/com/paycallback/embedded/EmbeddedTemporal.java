package com.paycallback.embedded;

import com.paycallback.settlement.SettlementSearchAttributes;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
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
 * <p>With {@code paycallback.embedded.temporal-heap} set (the embedded default: {@code 2g}) it runs
 * in a JVM of its own with that heap ({@link TestServerProcess}): it never forgets a workflow, and
 * a spike of settlements must not fill the service's heap. Without it, inside the service (tests).
 */
@Component
@ConditionalOnProperty(name = "paycallback.embedded.temporal", havingValue = "true")
class EmbeddedTemporal implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporal.class);

  private final AutoCloseable server;

  EmbeddedTemporal(EmbeddedProperties properties) {
    int port = properties.temporalPort();
    if (properties.temporalHeap().isBlank()) {
      server = TestServerMain.LoopbackTestServer.start(port);
      log.info("Temporal test server listening on 127.0.0.1:{} (in-process)", port);
    } else {
      server = TestServerProcess.start(port, properties.temporalHeap());
    }
    try {
      registerSearchAttributes(port);
    } catch (RuntimeException e) {
      close(server);
      throw e;
    }
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
  public void destroy() {
    close(server);
  }

  private static void close(AutoCloseable server) {
    try {
      server.close();
    } catch (Exception e) {
      log.warn("Temporal test server did not stop cleanly", e);
    }
  }
}
