package com.paycallback.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service's own metrics and log context. Temporal's SDK metrics come from the Temporal starter,
 * which reports into the same registry once one exists.
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfig {

  @Bean
  FilterRegistrationBean<NoticeAnswerObserver> noticeAnswerObserver(MeterRegistry meters) {
    FilterRegistrationBean<NoticeAnswerObserver> registration =
        new FilterRegistrationBean<>(new NoticeAnswerObserver(meters));
    registration.addUrlPatterns(NoticeAnswerObserver.PREFIX + "*");
    // Outside security and everything else: the time measured is the time the gateway waits.
    // Only the rejection limiter's filter comes first: a throttled forger's refusal is counted
    // (paycallback.notices), not timed.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  /**
   * No Spring MVC observation of a webhook request: {@link NoticeAnswerObserver} times each one
   * already, and the pipeline counts them by outcome; a second timer per notice is CPU taken from
   * the acknowledgements under a burst.
   */
  @Bean
  ObservationPredicate noServerObservationOfNotices() {
    return (name, context) ->
        !(context instanceof ServerRequestObservationContext request
            && request.getCarrier().getRequestURI().startsWith(NoticeAnswerObserver.PREFIX));
  }

  @Bean
  SettlementGauges settlementGauges(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
    return new SettlementGauges(jdbc, clock, meters);
  }

  /** Between the sandbox's fault injection and the attempt reporter (see the interceptor). */
  @Bean
  @Order(0)
  StepObservingInterceptor stepObservingInterceptor(MeterRegistry meters) {
    return new StepObservingInterceptor(meters);
  }
}
