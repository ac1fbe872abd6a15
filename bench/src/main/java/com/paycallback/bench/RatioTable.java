package com.paycallback.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Issue 11's verification targets as a table: each verifier's throughput over bare crypto on the
 * same message (at least 0.9) and over the official SDK on the same notice (at least 1.2).
 */
final class RatioTable {

  /** Ours against a baseline, by benchmark ({@code Class.method}), with the ratio to reach. */
  record Comparison(String notice, String ours, String baseline, double target) {}

  static final List<Comparison> COMPARISONS =
      List.of(
          new Comparison("Alipay RSA2", "AlipayBenchmark.verifier", "AlipayBenchmark.bareJca", 0.9),
          new Comparison(
              "Alipay RSA2", "AlipayBenchmark.verifier", "AlipayBenchmark.officialSdk", 1.2),
          new Comparison(
              "WeChat Pay RSA",
              "WechatPayRsaBenchmark.verifier",
              "WechatPayRsaBenchmark.bareJca",
              0.9),
          new Comparison(
              "WeChat Pay RSA",
              "WechatPayRsaBenchmark.verifierAndDecryptor",
              "WechatPayRsaBenchmark.officialSdk",
              1.2),
          new Comparison(
              "WeChat Pay SM2",
              "WechatPaySm2Benchmark.verifier",
              "WechatPaySm2Benchmark.bareBouncyCastle",
              0.9),
          new Comparison(
              "generic HMAC",
              "GenericHmacBenchmark.verifier",
              "GenericHmacBenchmark.bareJca",
              0.9));

  /** A row whose two benchmarks both ran. */
  record Row(Comparison comparison, Result ours, Result baseline) {

    double ratio() {
      return ours.getScore() / baseline.getScore();
    }

    boolean meetsTarget() {
      return ratio() >= comparison.target();
    }
  }

  private final List<Row> rows;

  private RatioTable(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /** The comparisons whose benchmarks are among the results; the others are left out. */
  static RatioTable of(Collection<RunResult> results) {
    Map<String, Result> byBenchmark = new HashMap<>();
    for (RunResult result : results) {
      String benchmark = result.getParams().getBenchmark();
      int method = benchmark.lastIndexOf('.');
      int type = benchmark.lastIndexOf('.', method - 1);
      byBenchmark.put(benchmark.substring(type + 1), result.getPrimaryResult());
    }
    List<Row> rows = new ArrayList<>();
    for (Comparison comparison : COMPARISONS) {
      Result ours = byBenchmark.get(comparison.ours());
      Result baseline = byBenchmark.get(comparison.baseline());
      if (ours != null && baseline != null) {
        rows.add(new Row(comparison, ours, baseline));
      }
    }
    return new RatioTable(rows);
  }

  List<Row> rows() {
    return rows;
  }

  String render() {
    StringBuilder table = new StringBuilder();
    String format = "%-15s %-22s %20s   %-18s %20s   %6s  %-7s %s";
    table
        .append(
            String.format(
                    Locale.ROOT,
                    format,
                    "notice",
                    "ours",
                    "ops/s",
                    "against",
                    "ops/s",
                    "ratio",
                    "target",
                    "")
                .stripTrailing())
        .append(System.lineSeparator());
    for (Row row : rows) {
      table
          .append(
              String.format(
                  Locale.ROOT,
                  format,
                  row.comparison().notice(),
                  method(row.comparison().ours()),
                  score(row.ours()),
                  method(row.comparison().baseline()),
                  score(row.baseline()),
                  String.format(Locale.ROOT, "%.2f", row.ratio()),
                  String.format(Locale.ROOT, ">= %.1f", row.comparison().target()),
                  row.meetsTarget() ? "met" : "MISSED"))
          .append(System.lineSeparator());
    }
    return table.toString();
  }

  private static String method(String benchmark) {
    return benchmark.substring(benchmark.indexOf('.') + 1);
  }

  /** The score, and its error where JMH has one (it needs at least two iterations). */
  private static String score(Result result) {
    return Double.isNaN(result.getScoreError())
        ? String.format(Locale.ROOT, "%,.0f", result.getScore())
        : String.format(Locale.ROOT, "%,.0f ± %,.0f", result.getScore(), result.getScoreError());
  }
}
