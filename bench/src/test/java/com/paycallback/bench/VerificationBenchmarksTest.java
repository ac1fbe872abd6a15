package com.paycallback.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The runner starts every benchmark in the jar and the ratio table reports every comparison: one
 * short iteration each, in this JVM, so it proves the wiring, not the figures.
 */
class VerificationBenchmarksTest {

  @Test
  void everyBenchmarkRunsAndEveryComparisonIsReported() throws Exception {
    Collection<RunResult> results =
        VerificationBenchmarks.run(
            new OptionsBuilder()
                .include(VerificationBenchmarks.class.getPackageName() + ".")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(20))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build());

    assertThat(results).hasSize(15);
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    RatioTable table = RatioTable.of(results);
    assertThat(table.rows())
        .extracting(RatioTable.Row::comparison)
        .containsExactlyElementsOf(RatioTable.COMPARISONS);
    assertThat(table.render().lines())
        .hasSize(1 + RatioTable.COMPARISONS.size())
        .first()
        .asString()
        .startsWith("notice");
    assertThat(table.render())
        .contains("Alipay RSA2", "WeChat Pay RSA", "WeChat Pay SM2", "generic HMAC");
  }
}
