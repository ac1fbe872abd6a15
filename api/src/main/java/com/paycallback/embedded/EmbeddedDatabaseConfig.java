package com.paycallback.embedded;

import com.paycallback.embedded.mariadb.EmbeddedMariaDb;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs the embedded MariaDB and points the data source at it (embedded default only). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "paycallback.embedded.database", havingValue = "true")
class EmbeddedDatabaseConfig {

  @Bean(destroyMethod = "close")
  EmbeddedMariaDb embeddedMariaDb(EmbeddedProperties properties) {
    return EmbeddedMariaDb.start(properties.dataDir(), properties.databasePort());
  }

  /** The pool's sizes and timeouts come from {@code spring.datasource.hikari}, as in prod. */
  @Bean(destroyMethod = "close")
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(EmbeddedMariaDb server) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setPoolName("embedded-mariadb");
    dataSource.setJdbcUrl(server.jdbcUrl("paycallback"));
    dataSource.setUsername(server.username());
    return dataSource;
  }
}
