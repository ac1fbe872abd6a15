package com.paycallback.embedded.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: a kill -9 of the service left its embedded MariaDB running, holding the port and the
 * data directory, and the next start failed. The next start in that directory now stops it first.
 */
class EmbeddedMariaDbOrphanTest {

  @Test
  void nextStartInTheSameDirectoryStopsTheServerAKilledRunLeftBehind() throws Exception {
    Path dataDir = Path.of("target", "orphan-mariadb-" + UUID.randomUUID());
    // A run whose JVM died: its server keeps running and is never closed.
    EmbeddedMariaDb crashed = EmbeddedMariaDb.start(dataDir, 0);
    long orphanPid = Long.parseLong(Files.readString(dataDir.resolve(EmbeddedMariaDb.PID_FILE)));
    assertThat(ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive)).isPresent();

    try (EmbeddedMariaDb restarted = EmbeddedMariaDb.start(dataDir, crashed.port())) {
      assertThat(ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive)).isEmpty();
      long serverPid = Long.parseLong(Files.readString(dataDir.resolve(EmbeddedMariaDb.PID_FILE)));
      assertThat(serverPid).isNotEqualTo(orphanPid);
      try (Connection connection =
          DriverManager.getConnection(restarted.jdbcUrl("orphan"), restarted.username(), "")) {
        assertThat(connection.isValid(5)).isTrue();
      }
    }
    assertThat(dataDir.resolve(EmbeddedMariaDb.PID_FILE)).doesNotExist();
  }
}
