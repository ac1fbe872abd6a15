package com.paycallback.worker;

import com.paycallback.activities.AttemptReportingInterceptor;
import com.paycallback.activities.SettlementActivitiesImpl;
import com.paycallback.inbox.SettlementRecords;
import com.paycallback.ledger.StepLedger;
import com.paycallback.ledger.StepStateReader;
import com.paycallback.refund.RefundGateway;
import com.paycallback.settlement.SettlementActivityOptions;
import com.paycallback.shop.ShopOrders;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.WorkflowImplementationOptions;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
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
  StepStateReader stepStateReader(JdbcClient jdbc) {
    return new StepStateReader(jdbc);
  }

  @Bean
  SettlementRecords settlementRecords(JdbcClient jdbc, TransactionTemplate transactions) {
    return new SettlementRecords(jdbc, transactions);
  }

  /**
   * The activities with every channel refund client configured: the simulated gateway in the
   * embedded default ({@code SandboxSagaConfig}), the real gateways' clients in {@code prod}.
   */
  @Bean
  SettlementActivitiesImpl settlementActivities(
      JdbcClient jdbc,
      StepLedger ledger,
      ShopOrders shopOrders,
      SettlementRecords settlements,
      ObjectProvider<RefundGateway> refundGateways) {
    return new SettlementActivitiesImpl(
        jdbc, ledger, shopOrders, settlements, refundGateways.orderedStream().toList());
  }

  /**
   * Reports each failed attempt's number to the workflow. Last in the worker's interceptor list, so
   * it wraps every other activity interceptor (Temporal makes the last one the outermost).
   */
  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  AttemptReportingInterceptor attemptReportingInterceptor() {
    return new AttemptReportingInterceptor();
  }

  @Bean
  ShopOrders shopOrders(JdbcClient jdbc, TransactionTemplate transactions) {
    return new ShopOrders(jdbc, transactions);
  }

  /**
   * Installs the configured retries as the workflow's default options of its activities and of the
   * steps it runs as local activities.
   */
  @Bean
  TemporalOptionsCustomizer<WorkflowImplementationOptions.Builder> settlementActivityOptions(
      SettlementProperties properties) {
    return builder ->
        builder
            .setDefaultActivityOptions(
                SettlementActivityOptions.of(
                    properties.maximumAttempts(),
                    properties.initialInterval(),
                    properties.maximumInterval()))
            .setDefaultLocalActivityOptions(
                SettlementActivityOptions.local(
                    properties.maximumAttempts(),
                    properties.initialInterval(),
                    properties.maximumInterval()));
  }

  /**
   * Migrations may rebuild big tables (the audit table of a long-lived embedded default): Flyway
   * runs them without the socket timeout that bounds every query of the service.
   */
  @Bean
  Callback migrationsWithoutSocketTimeout() {
    return new Callback() {
      @Override
      public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE || event == Event.BEFORE_EACH_MIGRATE;
      }

      @Override
      public boolean canHandleInTransaction(Event event, Context context) {
        return true;
      }

      @Override
      public void handle(Event event, Context context) {
        try {
          context.getConnection().setNetworkTimeout(Runnable::run, 0);
        } catch (SQLException e) {
          throw new IllegalStateException("cannot lift the socket timeout", e);
        }
      }

      @Override
      public String getCallbackName() {
        return "migrationsWithoutSocketTimeout";
      }
    };
  }
}
