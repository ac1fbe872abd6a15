package com.paycallback.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Times every webhook answer, as the gateway waits for it (WeChat Pay gives up after 5 s), and
 * scopes the log context to the request: the channel from the path here, the transaction id and the
 * order number once the pipeline has read them.
 */
class NoticeAnswerObserver extends OncePerRequestFilter {

  static final String PREFIX = "/notify/";

  private static final Duration[] ANSWER_BUCKETS = {
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(2),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final MeterRegistry meters;

  NoticeAnswerObserver(MeterRegistry meters) {
    this.meters = meters;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(PREFIX);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(PREFIX.length());
    // A channel's further notify URLs (WeChat Pay's refund notices) count under the channel.
    String channel = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
    Timer.Sample sample = Timer.start(meters);
    LogContext.put(channel, null, null);
    try {
      chain.doFilter(request, response);
    } finally {
      LogContext.clear();
      sample.stop(
          Timer.builder("paycallback.notice.answer")
              .description("Time to answer a gateway's notice")
              .tag("channel", channel)
              .tag("status", String.valueOf(response.getStatus()))
              // Buckets around the limits that matter: WeChat Pay gives up after 5 s.
              .serviceLevelObjectives(ANSWER_BUCKETS)
              .register(meters));
    }
  }
}
