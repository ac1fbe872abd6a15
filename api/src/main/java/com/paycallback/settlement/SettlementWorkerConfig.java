package com.paycallback.settlement;

import com.paycallback.shop.ShopOrders;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.WorkflowImplementationOptions;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The settlement worker's parts. The worker itself is declared in {@code spring.temporal.workers}
 * (task queue, workflow class, the {@code settlementActivities} bean).
 */
@Configuration(proxyBeanMethods = false)
class SettlementWorkerConfig {

  @Bean
  JdbcClient jdbcClient(DataSource dataSource) {
    return JdbcClient.create(dataSource);
  }

  @Bean
  StepLedger stepLedger(JdbcClient jdbc, TransactionTemplate transactions) {
    return new StepLedger(jdbc, transactions);
  }

  @Bean
  SettlementActivitiesImpl settlementActivities(JdbcClient jdbc, StepLedger ledger) {
    return new SettlementActivitiesImpl(jdbc, ledger);
  }

  @Bean
  ShopOrders shopOrders(JdbcClient jdbc, TransactionTemplate transactions) {
    return new ShopOrders(jdbc, transactions);
  }

  /** Installs the configured retries as the workflow's default activity options. */
  @Bean
  TemporalOptionsCustomizer<WorkflowImplementationOptions.Builder> settlementActivityOptions(
      SettlementProperties properties) {
    return builder ->
        builder.setDefaultActivityOptions(
            SettlementActivityOptions.of(
                properties.maximumAttempts(),
                properties.initialInterval(),
                properties.maximumInterval()));
  }
}
