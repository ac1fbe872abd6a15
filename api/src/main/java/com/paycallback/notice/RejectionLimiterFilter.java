package com.paycallback.notice;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * The {@link RejectionLimiter}'s verdict, taken first: a throttled source is answered 429 in its
 * channel's failure form before Spring Security, Spring MVC, the request's observation, its body or
 * any crypto, so that saying no to a flood costs little more than Tomcat's parsing of the request.
 * The answer is written from bytes made at start-up; each refusal is counted in {@code
 * paycallback.notices} (reason {@code THROTTLED}), and one audit row and one log line per source
 * and window stand for all its refusals.
 *
 * <p>The unread body is left to Tomcat, which discards it (up to {@code
 * server.tomcat.max-swallow-size}, else it closes the connection), so the connection stays usable.
 */
class RejectionLimiterFilter implements Filter {

  static final String PREFIX = "/notify/";

  private static final Logger log = LoggerFactory.getLogger(RejectionLimiterFilter.class);

  private final RejectionLimiter limiter;
  private final NoticeTransport transport;
  private final NoticeAudit audit;
  private final Map<String, Refuser> byPath = new HashMap<>();

  RejectionLimiterFilter(
      RejectionLimiter limiter,
      NoticeTransport transport,
      NoticeAudit audit,
      List<NoticeChannel> channels,
      MeterRegistry meters) {
    this.limiter = limiter;
    this.transport = transport;
    this.audit = audit;
    for (NoticeChannel channel : channels) {
      byPath.put(channel.name(), new Refuser(channel, meters));
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    Refuser refuser = byPath.get(channelOf(request));
    if (refuser == null) {
      chain.doFilter(req, res);
      return;
    }
    String source = transport.sourceIp(request);
    RejectionLimiter.Verdict verdict = limiter.check(refuser.channel, source);
    if (verdict == RejectionLimiter.Verdict.ADMIT) {
      chain.doFilter(req, res);
      return;
    }
    if (verdict == RejectionLimiter.Verdict.REFUSE_AND_RECORD) {
      record(refuser.channel.name(), source);
    }
    refuser.refused.increment();
    HttpServletResponse response = (HttpServletResponse) res;
    response.setStatus(refuser.answer.status());
    response.setContentType(refuser.answer.contentType());
    response.setContentLength(refuser.answer.body().length);
    response.getOutputStream().write(refuser.answer.body());
  }

  /**
   * The channel a webhook path belongs to: the segment after {@code /notify/}, as Tomcat decoded
   * and normalised it (no {@code ;parameters}, no dot segments), so a forger cannot dress the path
   * up to slip past. A channel's further notify URLs (WeChat Pay's refund notices) count under it.
   */
  private static String channelOf(HttpServletRequest request) {
    String path = request.getServletPath();
    if (request.getPathInfo() != null) {
      path = path + request.getPathInfo();
    }
    if (!path.startsWith(PREFIX)) {
      return "";
    }
    int end = path.indexOf('/', PREFIX.length());
    return end < 0 ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), end);
  }

  /** The window's one audit row and log line for the source's refusals. */
  private void record(String channel, String source) {
    log.warn(
        "{} notices from {} throttled: too many failed notices; further refusals in this"
            + " window are counted, not recorded",
        channel,
        source);
    try {
      audit.record(NoticeSource.NOTICE, channel, source, null, null, null, ReasonCode.THROTTLED);
    } catch (DataAccessException e) {
      log.warn("{} throttled notices could not be recorded: {}", channel, e.toString());
    }
  }

  /** A channel's refusal, written out once, and its counter. */
  private static final class Refuser {
    final NoticeChannel channel;
    final NoticeAnswer.Refusal answer;
    final Counter refused;

    Refuser(NoticeChannel channel, MeterRegistry meters) {
      this.channel = channel;
      this.answer =
          NoticeAnswer.of(channel.transport().contentType()).refusal(ReasonCode.THROTTLED);
      // The pipeline's counter of every notice, with the tags it gives a refusal.
      this.refused =
          meters.counter(
              "paycallback.notices",
              "channel",
              channel.name(),
              "outcome",
              ReasonCode.THROTTLED.outcome().name(),
              "reason",
              ReasonCode.THROTTLED.name(),
              "source",
              NoticeSource.NOTICE.name());
    }
  }
}
