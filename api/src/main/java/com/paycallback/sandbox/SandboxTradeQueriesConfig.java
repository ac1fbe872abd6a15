package com.paycallback.sandbox;

import com.paycallback.gateway.ConditionalOnChannel;
import com.paycallback.gateway.GatewayHttp;
import com.paycallback.gateway.PaymentChannels;
import com.paycallback.gateway.generic.GenericProperties;
import com.paycallback.gateway.generic.GenericTradeQueries;
import java.net.URI;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * In the embedded default the generic channel's real trade query client asks the simulated generic
 * gateway on our own port, unless a query URL is configured. The port is read at every call: the
 * server's port is known only once it listens (tests run on random ports).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "paycallback.sandbox.enabled", havingValue = "true")
class SandboxTradeQueriesConfig {

  @Bean
  @ConditionalOnChannel(PaymentChannels.GENERIC)
  @ConditionalOnExpression("'${paycallback.channels.generic.query-url:}'.isBlank()")
  GenericTradeQueries sandboxGenericTradeQueries(
      GenericProperties properties, Environment environment, Clock clock) {
    return new GenericTradeQueries(
        properties,
        () -> local(environment, SandboxGenericGateway.QUERY_PATH),
        () -> local(environment, SandboxGenericGateway.CLOSE_PATH),
        GatewayHttp.client(),
        clock);
  }

  private static URI local(Environment environment, String path) {
    return URI.create(
        "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080") + path);
  }
}
