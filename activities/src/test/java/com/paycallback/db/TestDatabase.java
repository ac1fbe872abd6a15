package com.paycallback.db;

import com.paycallback.embedded.mariadb.EmbeddedMariaDb;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One embedded MariaDB per test JVM, migrated as the embedded default migrates. Tests create their
 * own rows with unique ids ({@link ShopFixture}), so they never need to wipe the database.
 */
public final class TestDatabase {

  private static TestDatabase instance;

  private final EmbeddedMariaDb server;
  private final HikariDataSource dataSource;

  private TestDatabase() {
    server = EmbeddedMariaDb.start(Path.of("target", "test-mariadb-" + UUID.randomUUID()), 0);
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(server.jdbcUrl("paycallback"));
    dataSource.setUsername(server.username());
    dataSource.setMaximumPoolSize(20);
    // The demo data too, as the embedded default does: the service tests start on this database,
    // and Flyway refuses a demo migration older than the schema's newest one once that is applied.
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration", "classpath:db/demo")
        .load()
        .migrate();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  dataSource.close();
                  server.close();
                }));
  }

  public static synchronized TestDatabase get() {
    if (instance == null) {
      instance = new TestDatabase();
    }
    return instance;
  }

  /** The server, for tests that need their own database on it (see {@link #jdbcUrl}). */
  public EmbeddedMariaDb server() {
    return server;
  }

  public String jdbcUrl() {
    return server.jdbcUrl("paycallback");
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public JdbcClient jdbc() {
    return JdbcClient.create(dataSource);
  }

  public TransactionTemplate transactions() {
    return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }
}
