package com.paycallback.bench;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;

/**
 * Runs the verifier benchmarks, then prints how each verifier compares with bare crypto and with
 * the official SDK on the same notice. Takes JMH's own options ({@code -f}, {@code -wi}, {@code
 * -i}, {@code -rf json}, a benchmark regex, {@code -h} for the rest).
 */
public final class VerificationBenchmarks {

  private VerificationBenchmarks() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions options = new CommandLineOptions(args);
    if (options.shouldHelp()) {
      options.showHelp();
      return;
    }
    if (options.shouldList()) {
      new Runner(options).list();
      return;
    }
    System.out.println();
    System.out.print(RatioTable.of(run(options)).render());
  }

  static Collection<RunResult> run(Options options) throws RunnerException {
    return new Runner(options).run();
  }
}
