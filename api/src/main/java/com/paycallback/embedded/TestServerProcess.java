package com.paycallback.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's test server in a JVM of its own ({@link TestServerMain}), with a heap of its own: the
 * test server keeps every workflow it ever ran in memory, and that must not fill the service's
 * heap. The child runs from the service's own classpath (or executable jar) and exits when the
 * service's end of its standard input closes, so it never outlives the service, even one killed.
 */
final class TestServerProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TestServerProcess.class);

  /** A child that dies before it listens is started again for this long (its port may be taken). */
  private static final Duration START_WITHIN = Duration.ofSeconds(30);

  private static final String BOOT_LAUNCHER =
      "org.springframework.boot.loader.launch.PropertiesLauncher";

  private final Process process;

  private TestServerProcess(Process process) {
    this.process = process;
  }

  /**
   * Starts the child and waits until it listens; retries while it cannot bind the port (the child
   * of a service that was just killed may still be on its way out).
   */
  static TestServerProcess start(int port, String heap) {
    long deadline = System.nanoTime() + START_WITHIN.toNanos();
    while (true) {
      Process process = launch(port, heap);
      if (listening(process)) {
        log.info(
            "Temporal test server (pid {}, heap {}) listening on 127.0.0.1:{}",
            process.pid(),
            heap,
            port);
        return new TestServerProcess(process);
      }
      process.destroyForcibly();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Temporal's test server did not start on 127.0.0.1:" + port + " (see the log above)");
      }
      sleep(Duration.ofMillis(500));
    }
  }

  private static Process launch(int port, String heap) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.addAll(classpathAndMain());
    command.add(String.valueOf(port));
    try {
      return new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Temporal's test server", e);
    }
  }

  /**
   * The service's own classes: the executable jar through Spring Boot's launcher, which finds the
   * nested jars, or the class path as it is (an IDE, the tests).
   */
  private static List<String> classpathAndMain() {
    String classpath = System.getProperty("java.class.path");
    if (TestServerMain.class
        .getClassLoader()
        .getClass()
        .getName()
        .startsWith("org.springframework.boot.loader.")) {
      return List.of(
          "-cp", classpath, "-Dloader.main=" + TestServerMain.class.getName(), BOOT_LAUNCHER);
    }
    return List.of("-cp", classpath, TestServerMain.class.getName());
  }

  /** Forwards the child's output to the log; true once it says it listens. */
  private static boolean listening(Process process) {
    CountDownLatch ready = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  if (line.equals(TestServerMain.READY)) {
                    ready.countDown();
                  } else {
                    log.warn("Temporal test server: {}", line);
                  }
                }
              } catch (IOException e) {
                log.debug("Temporal test server's output ended", e);
              }
            },
            "temporal-test-server-output");
    reader.setDaemon(true);
    reader.start();
    try {
      while (!ready.await(100, TimeUnit.MILLISECONDS)) {
        if (!process.isAlive()) {
          return ready.getCount() == 0;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  long pid() {
    return process.pid();
  }

  /** Closes the child's standard input, its signal to stop; forces it after 5 s. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting Temporal's test server", e);
    }
  }
}
