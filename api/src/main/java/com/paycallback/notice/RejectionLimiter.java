package com.paycallback.notice;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Forgeries cannot starve genuine notices (issue 11): a source whose notices keep failing before
 * they are proven genuine (transport, signature, freshness) spends a budget of failures per window;
 * once it is spent, the source is refused with {@link ReasonCode#THROTTLED} by {@link
 * RejectionLimiterFilter}, ahead of every other filter, before its body is read or any crypto runs,
 * until the window refills. Only failures spend the budget, so a source that sends genuine notices
 * is never refused by it, and a source on the channel's allowlist (a gateway's own address) is
 * never throttled at all: its notices are always verified.
 *
 * <p>The budgets live in one bounded, expiring map per channel: a flood from many addresses evicts
 * the least recently seen instead of growing the heap; an evicted budget was about to refill
 * anyway.
 */
@Component
public class RejectionLimiter {

  /** What the limiter says about one request, before anything else is done with it. */
  public enum Verdict {
    /** Run the pipeline. */
    ADMIT,
    /** Refuse, and record this refusal: the first of its source in the window. */
    REFUSE_AND_RECORD,
    /** Refuse, counted in the metrics only: the window's audit row is written already. */
    REFUSE
  }

  private final RejectionLimitProperties properties;
  private final Map<String, Budgets> channels = new ConcurrentHashMap<>();

  RejectionLimiter(RejectionLimitProperties properties) {
    this.properties = properties;
  }

  /** Whether a request from {@code source} may go through the pipeline. */
  public Verdict check(NoticeChannel channel, String source) {
    if (NoticeTransport.listed(channel.transport().allowedIps(), source)) {
      return Verdict.ADMIT;
    }
    Budget budget = budgets(channel).bySource.getIfPresent(source);
    if (budget == null || budget.bucket.getAvailableTokens() > 0) {
      return Verdict.ADMIT;
    }
    return budget.firstRefusalOfWindow() ? Verdict.REFUSE_AND_RECORD : Verdict.REFUSE;
  }

  /** A request from {@code source} failed before it was proven genuine: it spends the budget. */
  public void failed(NoticeChannel channel, String source) {
    if (NoticeTransport.listed(channel.transport().allowedIps(), source)) {
      return;
    }
    Budgets budgets = budgets(channel);
    budgets.bySource.get(source, s -> new Budget(budgets.limit)).bucket.tryConsume(1);
  }

  private Budgets budgets(NoticeChannel channel) {
    return channels.computeIfAbsent(channel.name(), name -> new Budgets(properties.of(name)));
  }

  private static final class Budgets {
    final RejectionLimitProperties.Limit limit;
    final Cache<String, Budget> bySource;

    Budgets(RejectionLimitProperties.Limit limit) {
      this.limit = limit;
      // Idle for two windows, a budget is full again: forgetting it changes nothing.
      this.bySource =
          Caffeine.newBuilder()
              .maximumSize(limit.maxSources())
              .expireAfterAccess(limit.window().multipliedBy(2))
              .build();
    }
  }

  private static final class Budget {
    private static final long NEVER = Long.MIN_VALUE;

    final Bucket bucket;
    final long windowNanos;
    final AtomicLong lastRecordedRefusal = new AtomicLong(NEVER);

    Budget(RejectionLimitProperties.Limit limit) {
      this.bucket =
          Bucket.builder()
              .addLimit(
                  Bandwidth.builder()
                      .capacity(limit.failures())
                      .refillIntervally(limit.failures(), limit.window())
                      .build())
              .build();
      this.windowNanos = limit.window().toNanos();
    }

    /** True for one refusal per window: the one whose audit row stands for all of them. */
    boolean firstRefusalOfWindow() {
      long now = System.nanoTime();
      long last = lastRecordedRefusal.get();
      if (last != NEVER && now - last < windowNanos) {
        return false;
      }
      return lastRecordedRefusal.compareAndSet(last, now);
    }
  }
}
