package com.paycallback.notice;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many failed notices a source may send a channel before it is refused without a look at its
 * signature: {@code paycallback.channels.<name>.rejection-limit.*}, defaults for any channel not
 * configured.
 *
 * @param channels per channel id; only {@code rejection-limit} is read here
 */
@Validated
@ConfigurationProperties("paycallback")
public record RejectionLimitProperties(@DefaultValue Map<String, @Valid Channel> channels) {

  /** The limit of a channel, the defaults when it configures none. */
  public Limit of(String channel) {
    Channel configured = channels.get(channel);
    return configured == null || configured.rejectionLimit() == null
        ? Limit.DEFAULT
        : configured.rejectionLimit();
  }

  /**
   * @param rejectionLimit the channel's limit
   */
  public record Channel(@Valid @DefaultValue Limit rejectionLimit) {}

  /**
   * @param failures failed notices a source may send per window; the next one is answered 429
   *     before any crypto until the window refills
   * @param window the window; a throttled source's refusals leave one audit row per window
   * @param maxSources sources remembered at once per channel (least recently seen forgotten first),
   *     so a flood from many addresses cannot exhaust memory
   */
  public record Limit(
      @Min(1) @DefaultValue("20") int failures,
      @NotNull @DefaultValue("1m") Duration window,
      @Min(100) @DefaultValue("100000") int maxSources) {

    static final Limit DEFAULT = new Limit(20, Duration.ofMinutes(1), 100_000);
  }
}
