package com.paycallback.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The limiter on a channel without an allowlist: every source is judged by its failures. */
class RejectionLimiterTest {

  private final NoticeChannel open = channel(List.of());
  private final RejectionLimiter limiter =
      new RejectionLimiter(
          new RejectionLimitProperties(
              Map.of(
                  "generic",
                  new RejectionLimitProperties.Channel(
                      new RejectionLimitProperties.Limit(3, Duration.ofHours(1), 100)))));

  @Test
  void onlyFailuresSpendTheBudgetAndOnlyTheFailingSourceIsRefused() {
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.check(open, "198.51.100.1")).isEqualTo(RejectionLimiter.Verdict.ADMIT);
      limiter.failed(open, "198.51.100.1");
    }

    assertThat(limiter.check(open, "198.51.100.1"))
        .isEqualTo(RejectionLimiter.Verdict.REFUSE_AND_RECORD);
    assertThat(limiter.check(open, "198.51.100.1")).isEqualTo(RejectionLimiter.Verdict.REFUSE);
    assertThat(limiter.check(open, "198.51.100.2")).isEqualTo(RejectionLimiter.Verdict.ADMIT);
  }

  @Test
  void aSourceOnTheAllowlistIsNeverRefused() {
    NoticeChannel listed = channel(List.of("203.0.113.0/24"));
    for (int i = 0; i < 50; i++) {
      limiter.failed(listed, "203.0.113.7");
    }
    assertThat(limiter.check(listed, "203.0.113.7")).isEqualTo(RejectionLimiter.Verdict.ADMIT);
  }

  @Test
  void aChannelWithoutItsOwnLimitGetsTheDefaults() {
    assertThat(new RejectionLimitProperties(Map.of()).of("alipay"))
        .isEqualTo(RejectionLimitProperties.Limit.DEFAULT);
  }

  private static NoticeChannel channel(List<String> allowlist) {
    NoticeChannel.Transport transport =
        NoticeChannel.Transport.of("generic", MediaType.APPLICATION_JSON, allowlist);
    return new NoticeChannel() {
      @Override
      public Transport transport() {
        return transport;
      }

      @Override
      public VerifiedNotice authenticate(
          jakarta.servlet.http.HttpServletRequest request, byte[] body) {
        throw new NoticeRejected(ReasonCode.SIGNATURE_INVALID, "never reached");
      }
    };
  }
}
