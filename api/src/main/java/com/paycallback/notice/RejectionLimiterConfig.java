package com.paycallback.notice;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts the rejection limiter in front of every webhook, ahead of all other filters. */
@Configuration(proxyBeanMethods = false)
class RejectionLimiterConfig {

  /** Every channel that is on; with none, the filter lets everything through to its 404. */
  @Bean
  FilterRegistrationBean<RejectionLimiterFilter> rejectionLimiterFilter(
      RejectionLimiter limiter,
      NoticeTransport transport,
      NoticeAudit audit,
      ObjectProvider<NoticeChannel> channels,
      MeterRegistry meters) {
    FilterRegistrationBean<RejectionLimiterFilter> registration =
        new FilterRegistrationBean<>(
            new RejectionLimiterFilter(
                limiter, transport, audit, channels.orderedStream().toList(), meters));
    registration.addUrlPatterns(RejectionLimiterFilter.PREFIX + "*");
    // Before Spring Security (-100) and the request's observation (highest + 1): a throttled
    // source's refusal pays for neither.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
