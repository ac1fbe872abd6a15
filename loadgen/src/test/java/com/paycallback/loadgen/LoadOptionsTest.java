package com.paycallback.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paycallback.loadgen.LoadOptions.Channel;
import com.paycallback.loadgen.LoadOptions.Mode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

  @Test
  void burstDefaultsMixEveryChannelOverManyBuyers() {
    LoadOptions options = LoadOptions.parse("--mode", "burst");

    assertThat(options.mode()).isEqualTo(Mode.BURST);
    assertThat(options.genuineNotices()).isEqualTo(2000);
    assertThat(options.channels())
        .containsExactly(
            Channel.ALIPAY, Channel.WECHATPAY_RSA, Channel.WECHATPAY_SM2, Channel.GENERIC);
    assertThat(options.buyers()).isEqualTo(100);
    assertThat(options.keys()).isNull();
  }

  @Test
  void steadyAndFloodSendRateTimesDuration() {
    assertThat(
            LoadOptions.parse("--mode", "steady", "--rate", "30", "--duration", "2m")
                .genuineNotices())
        .isEqualTo(3600);
    LoadOptions flood = LoadOptions.parse("--mode", "flood", "--duration", "10s");
    assertThat(flood.genuineNotices()).isEqualTo(300);
    assertThat(flood.duration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(flood.forgedRate()).isZero();
  }

  @Test
  void theCeilingRunsAsManySettlementsAsBurstOrSteadyUpToItsCap() {
    assertThat(LoadOptions.parse("--mode", "burst", "--notices", "500").ceilingSettlements(500))
        .isEqualTo(500);
    assertThat(LoadOptions.parse("--mode", "burst").ceilingSettlements(20000)).isEqualTo(2000);
    assertThat(
            LoadOptions.parse("--mode", "steady", "--ceiling-settlements", "100")
                .ceilingSettlements(1800))
        .isEqualTo(100);
    assertThat(
            LoadOptions.parse("--mode", "burst", "--ceiling-settlements", "0")
                .ceilingSettlements(500))
        .isZero();
    assertThat(LoadOptions.parse("--mode", "storm").ceilingSettlements(200)).isZero();
    assertThatThrownBy(() -> LoadOptions.parse("--mode", "burst", "--ceiling-settlements", "-1"))
        .hasMessageContaining("--ceiling-settlements");
  }

  @Test
  void badOptionsAreRefusedWithAReason() {
    assertThatThrownBy(() -> LoadOptions.parse("--mode", "burst", "--orders", "5"))
        .hasMessageContaining("unknown option --orders");
    assertThatThrownBy(() -> LoadOptions.parse("--mode", "burst", "--channels", "paypal"))
        .hasMessageContaining("wechatpay-sm2");
    assertThatThrownBy(() -> LoadOptions.parse("--mode", "steady", "--rate", "0"))
        .hasMessageContaining("--rate");
    assertThatThrownBy(() -> LoadOptions.parse("--mode", "storm", "--copies", "0"))
        .hasMessageContaining("--copies");
  }

  @Test
  void faultModesStayWithTheHarness() {
    assertThat(LoadGenerator.run(new String[] {"--mode", "melt"})).isEqualTo(2);
    assertThat(LoadGenerator.run(new String[] {})).isEqualTo(2);
  }
}
