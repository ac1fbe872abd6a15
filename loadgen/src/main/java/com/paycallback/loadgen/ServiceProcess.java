package com.paycallback.loadgen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The service under test, started by the harness in its own working directory. It only ever signals
 * processes it started itself (by PID, never by name): the JVM and the {@code mariadbd} the
 * embedded default forks.
 */
final class ServiceProcess implements AutoCloseable {

  /** HTTP, the embedded MariaDB, Temporal's test server: the embedded default's ports. */
  static final int[] PORTS = {8080, 3307, 7233};

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  private final Path jar;
  private final Path dir;
  private final List<String> args;
  private final String url;
  private final int[] ports;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final Set<ProcessHandle> started = new LinkedHashSet<>();
  private final Set<ProcessHandle> frozen = new LinkedHashSet<>();
  private ProcessHandle jvm;
  private int starts;

  /**
   * @param ports the ports the service will listen on (see {@link #PORTS}); it is not started while
   *     any of them is taken
   */
  ServiceProcess(Path jar, Path dir, List<String> args, String url, int... ports) {
    this.jar = jar.toAbsolutePath();
    this.dir = dir;
    this.args = List.copyOf(args);
    this.url = url;
    this.ports = ports.clone();
  }

  /**
   * Starts {@code java -Xmx512m -jar <jar>} in the work dir and waits until the sandbox answers.
   * Refuses to start while another process holds one of its ports.
   *
   * @return how long until {@code GET /sandbox/catalog} answered 200
   */
  synchronized Duration start() throws IOException, InterruptedException {
    List<Integer> taken = takenPorts();
    if (!taken.isEmpty()) {
      throw new IllegalStateException(
          "ports " + taken + " are taken by a process the harness did not start; not starting");
    }
    starts++;
    Path log = dir.resolve("service-" + starts + ".log");
    List<String> command = new ArrayList<>(List.of("java", "-Xmx512m", "-jar", jar.toString()));
    command.addAll(args);
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    jvm = process.toHandle();
    started.add(jvm);
    Instant begun = Instant.now();
    System.out.printf("started service pid %d, log %s%n", jvm.pid(), log);
    while (Duration.between(begun, Instant.now()).compareTo(READY_TIMEOUT) < 0) {
      if (!jvm.isAlive()) {
        throw new IllegalStateException("the service exited at start-up; see " + log);
      }
      if (catalogAnswers()) {
        database().ifPresent(db -> System.out.printf("its mariadbd is pid %d%n", db.pid()));
        return Duration.between(begun, Instant.now());
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the service did not answer within 3 minutes; see " + log);
  }

  /** The embedded MariaDB, a descendant of the JVM this harness started. */
  synchronized Optional<ProcessHandle> database() {
    if (jvm == null) {
      return Optional.empty();
    }
    Optional<ProcessHandle> db =
        jvm.descendants()
            .filter(
                p ->
                    p.info().command().map(c -> c.contains("mariadbd")).orElse(false)
                        || p.info().commandLine().map(c -> c.contains("mariadbd")).orElse(false))
            .findFirst();
    db.ifPresent(started::add);
    return db;
  }

  synchronized long freezeDatabase() throws IOException, InterruptedException {
    ProcessHandle db =
        database().orElseThrow(() -> new IllegalStateException("no mariadbd under the service"));
    signal("-STOP", db);
    frozen.add(db);
    return db.pid();
  }

  synchronized void thaw() throws IOException, InterruptedException {
    for (ProcessHandle p : frozen) {
      if (p.isAlive()) {
        signal("-CONT", p);
      }
    }
    frozen.clear();
  }

  /**
   * A machine crash: SIGKILL to the JVM and to its mariadbd, whose PID is taken first because
   * today's service leaves it orphaned (still holding port 3307) when only the JVM dies.
   */
  synchronized void crash() throws InterruptedException {
    Optional<ProcessHandle> db = database();
    jvm.destroyForcibly();
    db.ifPresent(ProcessHandle::destroyForcibly);
    jvm.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    db.ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
    frozen.clear();
    Instant deadline = Instant.now().plusSeconds(30);
    while (!takenPorts().isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
    }
  }

  /** Thaws and stops everything the harness started: SIGTERM, then SIGKILL after 60 s. */
  @Override
  public synchronized void close() {
    try {
      thaw();
    } catch (IOException | InterruptedException e) {
      System.out.println("could not thaw: " + e.getMessage());
    }
    for (ProcessHandle p : started) {
      if (p.isAlive() && p.equals(jvm)) {
        p.destroy();
        try {
          p.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
          p.destroyForcibly();
        }
      }
    }
    for (ProcessHandle p : started) {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }

  private static void signal(String signal, ProcessHandle p)
      throws IOException, InterruptedException {
    int exit = new ProcessBuilder("kill", signal, Long.toString(p.pid())).start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("kill " + signal + " " + p.pid() + " exited " + exit);
    }
  }

  private boolean catalogAnswers() {
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create(url + "/sandbox/catalog"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private List<Integer> takenPorts() {
    List<Integer> taken = new ArrayList<>();
    for (int port : ports) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        taken.add(port);
      } catch (IOException e) {
        // refused: free
      }
    }
    return taken;
  }
}
