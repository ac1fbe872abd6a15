package com.paycallback.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The embedded default's Temporal in a JVM of its own: it serves, and it goes with the service. */
class TestServerProcessTest {

  @Test
  void childServesOnLoopbackAndExitsWhenTheServiceLetsGo() throws Exception {
    int port = freePort();
    TestServerProcess server = TestServerProcess.start(port, "256m");
    Optional<ProcessHandle> child = ProcessHandle.of(server.pid());
    assertThat(child).get().matches(ProcessHandle::isAlive);

    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
    try {
      assertThat(
              stubs
                  .blockingStub()
                  .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
                  .hasCapabilities())
          .isTrue();
    } finally {
      stubs.shutdownNow();
    }

    // Closing its standard input is what a dying service does too, however it dies.
    server.close();
    child.get().onExit().get(10, TimeUnit.SECONDS);
    assertThat(child.get().isAlive()).isFalse();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
