package com.paycallback.sandbox;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The saga's sandbox parts (embedded default only): the simulated gateways' refund API instead of
 * the real channels' refund clients, and fault injection into named steps.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "paycallback.sandbox.enabled", havingValue = "true")
class SandboxSagaConfig {

  /**
   * Last among the refund gateways: it books the refunds of every channel whose refund client is
   * not configured, so in the sandbox no refund reaches a real gateway.
   */
  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  SandboxRefundGateway sandboxRefundGateway(JdbcClient jdbc) {
    return new SandboxRefundGateway(jdbc);
  }

  @Bean
  SandboxFaults sandboxFaults() {
    return new SandboxFaults();
  }

  /**
   * First in the worker's interceptor list, so innermost: the attempt reporter wraps its faults
   * like any other failure.
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  FaultInjectingInterceptor faultInjectingInterceptor(SandboxFaults faults) {
    return new FaultInjectingInterceptor(faults);
  }
}
