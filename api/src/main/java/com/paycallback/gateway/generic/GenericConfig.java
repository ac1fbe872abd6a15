package com.paycallback.gateway.generic;

import com.paycallback.gateway.ConditionalOnChannel;
import com.paycallback.gateway.ConditionalOnConfigured;
import com.paycallback.gateway.GatewayHttp;
import com.paycallback.gateway.PaymentChannels;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@ConditionalOnChannel(PaymentChannels.GENERIC)
@Configuration(proxyBeanMethods = false)
class GenericConfig {

  @Bean
  @ConditionalOnConfigured("paycallback.channels.generic.refund-url")
  GenericRefundClient genericRefundClient(GenericProperties properties) {
    return new GenericRefundClient(properties, GatewayHttp.client(), Clock.systemUTC());
  }

  @Bean
  @ConditionalOnConfigured("paycallback.channels.generic.query-url")
  GenericTradeQueries genericTradeQueries(GenericProperties properties, Clock clock) {
    return new GenericTradeQueries(
        properties,
        properties::queryUrl,
        properties.closeUrl() == null || properties.closeUrl().toString().isBlank()
            ? null
            : properties::closeUrl,
        GatewayHttp.client(),
        clock);
  }
}
