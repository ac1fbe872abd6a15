package com.paycallback.loadgen;

import java.util.Arrays;

/**
 * The load generator's entry point: {@code --mode burst|storm|steady|flood} drives a running
 * paycallback (the embedded default unless {@code --url} says otherwise), see {@link LoadRun};
 * {@code --mode kill|freeze|long-freeze} starts the service itself and injects a fault, see {@link
 * FaultHarness}.
 *
 * <pre>
 * java -jar loadgen/target/loadgen.jar --mode burst [--notices 2000] [--concurrency 64]
 * java -jar loadgen/target/loadgen.jar --mode storm [--notices 200] [--copies 20]
 * java -jar loadgen/target/loadgen.jar --mode steady [--rate 30] [--duration 60s]
 * java -jar loadgen/target/loadgen.jar --mode flood [--rate 30] [--duration 60s] [--forged-rate 0]
 *     [--forged-concurrency 32] [--forged-from 198.51.100.7]
 * common: [--url http://127.0.0.1:8080] [--buyers 100] [--skus 20]
 *     [--channels alipay,wechatpay-rsa,wechatpay-sm2,generic] [--keys keys.json]
 *     [--settle-timeout 10m] [--json summary.json]
 * </pre>
 */
public final class LoadGenerator {

  static {
    // The HTTP client keeps an idle connection for 20 minutes; the service closes it after 2 s
    // (Tomcat's keep-alive follows its read timeout). A notice written to a connection the service
    // is closing gets no answer: the client's doing, not the service's. Idle connections are closed
    // by the client first. The property is read once, when the first client is built.
    if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
      System.setProperty("jdk.httpclient.keepalive.timeout", "1");
    }
  }

  private LoadGenerator() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    int mode = Arrays.asList(args).indexOf("--mode");
    if (mode >= 0 && mode + 1 < args.length && LoadOptions.Mode.named(args[mode + 1])) {
      return LoadRun.run(args);
    }
    if (mode >= 0) {
      return FaultHarness.run(args);
    }
    System.out.println(
        "usage: --mode burst|storm|steady|flood|kill|freeze|long-freeze [--name value ...]");
    return 2;
  }
}
