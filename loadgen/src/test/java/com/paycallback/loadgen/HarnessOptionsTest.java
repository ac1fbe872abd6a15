package com.paycallback.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paycallback.loadgen.HarnessOptions.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarnessOptionsTest {

  @Test
  void killDefaultsAreIssueNinesScenario() {
    HarnessOptions options = HarnessOptions.parse("--mode", "kill");

    assertThat(options.mode()).isEqualTo(Mode.KILL);
    assertThat(options.orders()).isEqualTo(1500);
    assertThat(options.killAt()).isEqualTo(0.4);
    assertThat(options.concurrency()).isEqualTo(32);
    assertThat(options.jar()).isEqualTo(Path.of("api/target/paycallback.jar"));
    assertThat(options.dir()).isNull();
    assertThat(options.serviceArgs()).isEmpty();
  }

  @Test
  void freezeDefaultsToThirtySecondsUnderTwentyNoticesPerSecond() {
    HarnessOptions options = HarnessOptions.parse("--mode", "freeze");

    assertThat(options.freezeFor()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.freezeAfter()).isEqualTo(Duration.ofSeconds(15));
    assertThat(options.freezeOrders()).isEqualTo(1200);
  }

  @Test
  void longFreezeDefaultsToTenMinutesOverFiftyOrders() {
    HarnessOptions options =
        HarnessOptions.parse(
            "--mode",
            "long-freeze",
            "--service-args",
            "--paycallback.settlement.maximum-attempts=5  --x=y");

    assertThat(options.mode()).isEqualTo(Mode.LONG_FREEZE);
    assertThat(options.orders()).isEqualTo(50);
    assertThat(options.freezeFor()).isEqualTo(Duration.ofMinutes(10));
    assertThat(options.serviceArgs())
        .isEqualTo(List.of("--paycallback.settlement.maximum-attempts=5", "--x=y"));
  }

  @Test
  void durationsTakeSecondsMillisecondsAndMinutes() {
    assertThat(HarnessOptions.duration("d", "90")).isEqualTo(Duration.ofSeconds(90));
    assertThat(HarnessOptions.duration("d", "20s")).isEqualTo(Duration.ofSeconds(20));
    assertThat(HarnessOptions.duration("d", "500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(HarnessOptions.duration("d", "3m")).isEqualTo(Duration.ofMinutes(3));
    assertThatThrownBy(() -> HarnessOptions.duration("d", "soon")).hasMessageContaining("--d");
    assertThatThrownBy(() -> HarnessOptions.duration("d", "0s")).hasMessageContaining("positive");
  }

  @Test
  void badOptionsAreRefusedWithAReason() {
    assertThatThrownBy(() -> HarnessOptions.parse("--orders", "5")).hasMessageContaining("--mode");
    assertThatThrownBy(() -> HarnessOptions.parse("--mode", "melt"))
        .hasMessageContaining("kill, freeze or long-freeze");
    assertThatThrownBy(() -> HarnessOptions.parse("--mode", "kill", "--kil-at", "0.5"))
        .hasMessageContaining("unknown option --kil-at");
    assertThatThrownBy(() -> HarnessOptions.parse("--mode", "kill", "--kill-at", "1.5"))
        .hasMessageContaining("--kill-at");
    assertThatThrownBy(() -> HarnessOptions.parse("--mode", "kill", "--orders"))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(
            () ->
                HarnessOptions.parse(
                    "--mode", "freeze", "--duration", "10s", "--freeze-after", "15s"))
        .hasMessageContaining("inside --duration");
  }

  @Test
  void gatewayBackoffDoublesFromOneSecondCappedAtFive() {
    assertThat(
            List.of(
                GatewaySenders.backoff(1),
                GatewaySenders.backoff(2),
                GatewaySenders.backoff(3),
                GatewaySenders.backoff(4),
                GatewaySenders.backoff(40)))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
  }

  @Test
  void aWorkDirUnderTmpIsRecognisedBecauseMariaDb4jWipesIt() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));

    assertThat(FaultHarness.underTemporaryDirectory(tmp.resolve("run/kill"))).isTrue();
    assertThat(FaultHarness.underTemporaryDirectory(Path.of("target/fault-harness-1"))).isFalse();
  }
}
