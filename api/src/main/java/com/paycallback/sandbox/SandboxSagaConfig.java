package com.paycallback.sandbox;

import com.paycallback.refund.SandboxRefundGateway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The saga's sandbox parts (embedded default only): the simulated gateways' refund API instead of
 * the real channels' refund clients.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "paycallback.sandbox.enabled", havingValue = "true")
class SandboxSagaConfig {

  @Bean
  SandboxRefundGateway sandboxRefundGateway(JdbcClient jdbc) {
    return new SandboxRefundGateway(jdbc);
  }
}
