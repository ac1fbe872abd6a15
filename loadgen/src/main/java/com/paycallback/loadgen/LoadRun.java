package com.paycallback.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.paycallback.loadgen.LoadOptions.Channel;
import com.paycallback.loadgen.LoadOptions.Mode;
import com.paycallback.loadgen.NoticeSigner.SignedNotice;
import com.paycallback.loadgen.ServiceClient.Answer;
import com.paycallback.loadgen.ServiceClient.Order;
import com.paycallback.loadgen.Verdict.OrderFacts;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The load modes behind issue 11's figures, against a running service (the embedded default unless
 * {@code --url} says otherwise):
 *
 * <ul>
 *   <li>{@code burst}: N distinct genuine notices, all channels mixed, as fast as the concurrency
 *       allows; the ack rate, answer percentiles, then the settlement rate until all are settled,
 *       and its ratio to the ceiling.
 *   <li>{@code storm}: each of N notices K times at once (each copy signed anew, as a gateway's
 *       retries are); answers per second, and no second effect.
 *   <li>{@code steady}: genuine notices at a rate for a duration; notice → SETTLED percentiles, and
 *       the settlement rate's ratio to the ceiling.
 *   <li>{@code flood}: steady genuine notices while forged ones (random signatures) arrive at a
 *       rate; genuine and forged answer percentiles apart.
 * </ul>
 *
 * The ceiling ({@code burst} and {@code steady}) is measured once the run's own settlements are all
 * settled: as many settlements (up to {@code --ceiling-settlements}) of the real workflow with
 * empty steps, all started at once on the same service ({@code POST /sandbox/ceiling}).
 *
 * <p>Every mode creates its own buyers ({@code PUT /sandbox/users}) and SKUs, spreads its orders
 * over them, and ends with the same check: every acknowledged order SETTLED exactly once (its own
 * transaction, each step done once, no compensation), each SKU's stock and sales moved by its
 * settled orders, each buyer's points by its orders' earned points and its balance not at all. Exit
 * 1 when the check fails, 2 when the run could not start.
 */
final class LoadRun {

  /** Answers are recorded in microseconds up to a minute (a notice times out after 10 s). */
  private static final int ANSWER_MICROS_CEILING = 60_000_000;

  private final LoadOptions options;
  private final ServiceClient client;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final List<String> buyers = new ArrayList<>();
  private final List<String> skus = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final Map<String, Object> figures = new LinkedHashMap<>();
  private final Histogram genuineAnswers = new ConcurrentHistogram(ANSWER_MICROS_CEILING, 3);
  private final Histogram forgedAnswers = new ConcurrentHistogram(ANSWER_MICROS_CEILING, 3);
  private final Map<String, LongAdder> genuineStatuses = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> forgedStatuses = new ConcurrentHashMap<>();
  private final Map<String, Instant> firstSent = new ConcurrentHashMap<>();

  /** Each genuine sender's keep-alive connection, closed when the run ends. */
  private final List<WireConnection> opened = new CopyOnWriteArrayList<>();

  private final ThreadLocal<WireConnection> genuineConnections;
  private final Map<String, Boolean> acked = new ConcurrentHashMap<>();
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger forgedSent = new AtomicInteger();
  private volatile int settled;
  private volatile String phase = "preparing";
  private final Instant begun = Instant.now();
  private NoticeSigner signer;

  /** One order of the run and how it is paid. */
  record Payment(Order order, String buyer, String sku, Channel channel, String transactionId) {}

  private LoadRun(LoadOptions options) {
    this.options = options;
    this.client = new ServiceClient(options.url(), null);
    this.genuineConnections =
        ThreadLocal.withInitial(
            () -> {
              WireConnection connection = new WireConnection(options.url());
              opened.add(connection);
              return connection;
            });
  }

  static int run(String[] args) {
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.out.println("usage: " + e.getMessage());
      return 2;
    }
    LoadRun run = new LoadRun(options);
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
    progress.scheduleAtFixedRate(run::printProgress, 1, 1, TimeUnit.SECONDS);
    try {
      Verdict summary;
      try {
        summary = run.run();
      } finally {
        run.opened.forEach(WireConnection::close);
      }
      progress.shutdownNow();
      System.out.print(summary.text());
      if (options.json() != null) {
        ServiceClient.JSON
            .writerWithDefaultPrettyPrinter()
            .writeValue(options.json().toFile(), summary);
        System.out.println("written to " + options.json());
      }
      return summary.passed() ? 0 : 1;
    } catch (Exception e) {
      progress.shutdownNow();
      System.out.println("LOAD RUN ERROR: " + e);
      e.printStackTrace(System.out);
      return 2;
    }
  }

  private Verdict run() throws Exception {
    GatewayKeys keys =
        options.keys() != null ? GatewayKeys.read(options.keys()) : GatewayKeys.fetch(client);
    signer = new NoticeSigner(keys);
    for (Channel channel : options.channels()) {
      if (!signer.signs(channel)) {
        throw new IllegalStateException("no signing material for " + channel.option);
      }
    }
    figures.put("mode", options.mode().name().toLowerCase(Locale.ROOT));
    figures.put("channels", options.channels().stream().map(c -> c.option).toList().toString());
    figures.put("concurrency", options.concurrency());
    figures.put("buyers", options.buyers());
    figures.put("skus", options.skus());
    ExecutorService pool = Executors.newFixedThreadPool(options.concurrency());
    try {
      List<Payment> payments = prepare(pool, options.genuineNotices());
      JsonNode before = client.catalog();
      Instant start;
      switch (options.mode()) {
        case BURST -> start = burst(pool, payments);
        case STORM -> start = storm(pool, payments);
        default -> start = paced(pool, payments);
      }
      phase = "settling";
      Instant deadline = Instant.now().plus(options.settleTimeout());
      awaitSettled(deadline);
      phase = "checking every order";
      List<OrderFacts> facts = facts(pool, payments, deadline);
      settlementFigures(payments, facts, start);
      judge(payments, facts, before, client.catalog());
      ceiling(options.ceilingSettlements(payments.size()));
    } finally {
      pool.shutdownNow();
    }
    return new Verdict(
        options.mode().name().toLowerCase(Locale.ROOT), failures.isEmpty(), failures, figures);
  }

  /** Buyers, SKUs with one unit per order, and the orders, spread over them. */
  private List<Payment> prepare(ExecutorService pool, int orders) throws Exception {
    phase = "creating buyers and SKUs";
    List<Callable<Void>> setup = new ArrayList<>();
    for (int i = 0; i < options.buyers(); i++) {
      String buyer = "u-load-" + run + "-" + i;
      buyers.add(buyer);
      setup.add(
          () -> {
            client.putBuyer(buyer, 0, 0);
            return null;
          });
    }
    for (int i = 0; i < options.skus(); i++) {
      String sku = "SKU-LOAD-" + run + "-" + i;
      skus.add(sku);
      int units = orders / options.skus() + (i < orders % options.skus() ? 1 : 0);
      setup.add(
          () -> {
            client.stock(sku, "load run " + run, units);
            return null;
          });
    }
    all(pool.invokeAll(setup));
    phase = "placing orders";
    List<Callable<Payment>> placing = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      String buyer = buyers.get(i % buyers.size());
      String sku = skus.get(i % skus.size());
      Channel channel = options.channels().get(i % options.channels().size());
      placing.add(
          () ->
              new Payment(
                  client.placeOrder(buyer, sku),
                  buyer,
                  sku,
                  channel,
                  signer.newTransactionId(channel)));
    }
    List<Payment> payments = all(pool.invokeAll(placing));
    System.out.printf(
        "run %s: %d orders over %d buyers and %d SKUs%n",
        run, payments.size(), buyers.size(), skus.size());
    return payments;
  }

  /**
   * Every notice signed before the clock starts: RSA signing costs about a millisecond of the same
   * CPU the service runs on, and would otherwise be counted against the service.
   */
  private List<SignedNotice> preSign(List<Payment> payments, int copies) {
    phase = "pre-signing";
    Instant signedAt = Instant.now();
    List<SignedNotice> notices =
        payments.parallelStream()
            .flatMap(
                p ->
                    IntStream.range(0, copies)
                        .mapToObj(
                            // Copy c as if re-sent c seconds later: a gateway's retries differ in
                            // their signed timestamp, and the same signed header twice is a replay.
                            c ->
                                signer.genuine(
                                    p.channel(),
                                    p.order(),
                                    p.transactionId(),
                                    signedAt.minusSeconds(copies - 1 - c))))
            .toList();
    figures.put(
        "signing",
        notices.size()
            + " notices pre-signed in "
            + Duration.between(signedAt, Instant.now()).toMillis()
            + " ms before the timed phase (not on the service's clock)");
    return notices;
  }

  private Instant burst(ExecutorService pool, List<Payment> payments) throws Exception {
    List<SignedNotice> notices = preSign(payments, 1);
    phase = "burst";
    Instant start = Instant.now();
    List<Future<?>> answers = new ArrayList<>();
    for (int i = 0; i < notices.size(); i++) {
      Payment payment = payments.get(i);
      SignedNotice notice = notices.get(i);
      answers.add(pool.submit(() -> sendGenuine(payment, notice)));
    }
    all(answers);
    answerFigures("burst", start, Instant.now(), notices.size());
    return start;
  }

  private Instant storm(ExecutorService pool, List<Payment> payments) throws Exception {
    int copies = options.copies();
    List<SignedNotice> notices = preSign(payments, copies);
    phase = "storm";
    Instant start = Instant.now();
    List<Future<?>> answers = new ArrayList<>();
    for (int i = 0; i < notices.size(); i++) {
      Payment payment = payments.get(i / copies);
      SignedNotice notice = notices.get(i);
      answers.add(pool.submit(() -> sendGenuine(payment, notice)));
    }
    all(answers);
    figures.put("copies of each notice", copies);
    answerFigures("storm", start, Instant.now(), notices.size());
    return start;
  }

  /**
   * Steady and flood: genuine notices at {@code --rate}, each signed when it is due (a few dozen
   * signatures a second; pre-signed notices would go stale in a run longer than the gateways'
   * five-minute freshness window); in a flood, forged notices besides.
   */
  private Instant paced(ExecutorService pool, List<Payment> payments) throws Exception {
    phase = options.mode() == Mode.FLOOD ? "flood" : "steady";
    figures.put(
        "signing",
        "genuine notices signed when due, "
            + options.rate()
            + "/s"
            + (options.mode() == Mode.FLOOD ? "; forged notices made before the timed phase" : ""));
    List<byte[]> forged = options.mode() == Mode.FLOOD ? forgeries() : List.of();
    Instant start = Instant.now();
    Instant end = start.plus(options.duration());
    ExecutorService forgers =
        forged.isEmpty() ? null : Executors.newFixedThreadPool(options.forgedConcurrency());
    if (forgers != null) {
      AtomicLong tickets = new AtomicLong();
      for (int t = 0; t < options.forgedConcurrency(); t++) {
        forgers.execute(() -> forge(forged, tickets, start, end));
      }
    }
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> answers = new ArrayList<>();
    long periodMicros = (long) (1_000_000 / options.rate());
    pacer.scheduleAtFixedRate(
        () -> {
          int i = next.getAndIncrement();
          if (i < payments.size()) {
            Payment p = payments.get(i);
            synchronized (answers) {
              answers.add(
                  pool.submit(
                      () ->
                          sendGenuine(
                              p,
                              signer.genuine(
                                  p.channel(), p.order(), p.transactionId(), Instant.now()))));
            }
          }
        },
        0,
        periodMicros,
        TimeUnit.MICROSECONDS);
    try {
      while (next.get() < payments.size()) {
        Thread.sleep(50);
      }
    } finally {
      pacer.shutdownNow();
    }
    synchronized (answers) {
      all(answers);
    }
    Instant genuineDone = Instant.now();
    if (forgers != null) {
      forgers.shutdown();
      if (!forgers.awaitTermination(30, TimeUnit.SECONDS)) {
        forgers.shutdownNow();
      }
    }
    answerFigures(phase, start, genuineDone, payments.size());
    if (forgers != null) {
      Duration forging = Duration.between(start, Instant.now());
      figures.put("forged notices", forgedSent.get());
      figures.put("forged notices/s", Math.round(forgedSent.get() * 1000.0 / forging.toMillis()));
      figures.put("forged answer ms", percentiles(forgedAnswers));
      figures.put("forged answers by status", statuses(forgedStatuses));
      figures.put("forged notices claim to come from", options.forgedFrom());
      figures.put(
          "genuine notices claim to come from",
          options.genuineFrom() == null ? "- (loopback)" : options.genuineFrom());
      long admitted =
          forgedStatuses.entrySet().stream()
              .filter(e -> e.getKey().startsWith("2"))
              .mapToLong(e -> e.getValue().sum())
              .sum();
      if (admitted > 0) {
        failures.add(admitted + " forged notices were acknowledged");
      }
    }
    return start;
  }

  /**
   * Forged notices of every channel, for orders that do not exist: whole requests, built once, so
   * that the forgers spend no CPU of the service's machine on signing or encoding.
   */
  private List<byte[]> forgeries() {
    List<byte[]> forged = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      Channel channel = options.channels().get(i % options.channels().size());
      Order order = new Order("FORGED-" + run + "-" + i, 1990);
      forged.add(
          WireConnection.request(
              options.url(),
              signer.forged(channel, order, signer.newTransactionId(channel), Instant.now()),
              options.forgedFrom()));
    }
    return forged;
  }

  /**
   * One sender of forged notices on its own keep-alive connection: as fast as it can, or its share
   * of {@code --forged-rate}.
   */
  private void forge(List<byte[]> forged, AtomicLong tickets, Instant start, Instant end) {
    try (WireConnection connection = new WireConnection(options.url())) {
      forge(connection, forged, tickets, start, end);
    }
  }

  private void forge(
      WireConnection connection,
      List<byte[]> forged,
      AtomicLong tickets,
      Instant start,
      Instant end) {
    long startNanos = System.nanoTime() - Duration.between(start, Instant.now()).toNanos();
    long endNanos = startNanos + Duration.between(start, end).toNanos();
    while (System.nanoTime() - endNanos < 0 && !Thread.currentThread().isInterrupted()) {
      long ticket = tickets.getAndIncrement();
      if (options.forgedRate() > 0) {
        long due = startNanos + (long) (ticket * 1e9 / options.forgedRate());
        long wait = due - System.nanoTime();
        if (wait > 0) {
          try {
            TimeUnit.NANOSECONDS.sleep(wait);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
      Answer answer = connection.send(forged.get((int) (ticket % forged.size())));
      forgedSent.incrementAndGet();
      forgedAnswers.recordValue(Math.min(ANSWER_MICROS_CEILING, answer.nanos() / 1000));
      forgedStatuses.computeIfAbsent(outcome(answer), s -> new LongAdder()).increment();
    }
  }

  private void sendGenuine(Payment payment, SignedNotice notice) {
    firstSent.putIfAbsent(payment.order().orderNo(), Instant.now());
    Answer answer =
        genuineConnections
            .get()
            .send(WireConnection.request(options.url(), notice, options.genuineFrom()));
    sent.incrementAndGet();
    genuineAnswers.recordValue(Math.min(ANSWER_MICROS_CEILING, answer.nanos() / 1000));
    genuineStatuses.computeIfAbsent(outcome(answer), s -> new LongAdder()).increment();
    if (answer.acknowledged()) {
      acked.put(payment.order().orderNo(), true);
    }
  }

  private void answerFigures(String name, Instant from, Instant to, int notices) {
    long millis = Math.max(1, Duration.between(from, to).toMillis());
    figures.put(name + " notices", notices);
    figures.put(name + " took ms", millis);
    figures.put(name + " answers/s", Math.round(notices * 1000.0 / millis));
    figures.put("genuine answer ms", percentiles(genuineAnswers));
    figures.put("genuine answers by status", statuses(genuineStatuses));
    figures.put("orders acknowledged", acked.size());
    long refused =
        genuineStatuses.entrySet().stream()
            .filter(e -> !e.getKey().startsWith("2"))
            .mapToLong(e -> e.getValue().sum())
            .sum();
    if (refused > 0) {
      failures.add(refused + " genuine notices not acknowledged: " + statuses(genuineStatuses));
    }
  }

  /**
   * Waits until the run's SKUs (new, so their sales started at 0) have sold one unit per
   * acknowledged order, or the deadline: one catalogue read a second, not one read per order.
   */
  private void awaitSettled(Instant deadline) throws Exception {
    while (true) {
      int sold = 0;
      for (JsonNode sku : client.catalog().path("skus")) {
        if (skus.contains(sku.path("skuId").asText())) {
          sold += sku.path("sales").asInt();
        }
      }
      settled = sold;
      if (sold >= acked.size() || Instant.now().isAfter(deadline)) {
        return;
      }
      Thread.sleep(1000);
    }
  }

  /**
   * What the sandbox and the admin API say about each order, asked concurrently. An acknowledged
   * order not SETTLED yet is asked again until the deadline: the SKU's sales rise at a step in the
   * middle of the saga, so the catalogue can count an order that is still settling.
   */
  private List<OrderFacts> facts(ExecutorService pool, List<Payment> payments, Instant deadline)
      throws Exception {
    List<OrderFacts> facts = new ArrayList<>(ask(pool, payments));
    while (true) {
      List<Integer> settling = new ArrayList<>();
      for (int i = 0; i < facts.size(); i++) {
        if (facts.get(i).acked() && !settledOnce(facts.get(i))) {
          settling.add(i);
        }
      }
      if (settling.isEmpty() || Instant.now().isAfter(deadline)) {
        return facts;
      }
      Thread.sleep(500);
      List<OrderFacts> again = ask(pool, settling.stream().map(payments::get).toList());
      for (int k = 0; k < settling.size(); k++) {
        facts.set(settling.get(k), again.get(k));
      }
    }
  }

  private static boolean settledOnce(OrderFacts order) {
    return order.settled()
        && order.settlement() != null
        && !"RUNNING".equals(order.settlement().path("status").asText());
  }

  private List<OrderFacts> ask(ExecutorService pool, List<Payment> payments) throws Exception {
    List<Callable<OrderFacts>> asks = new ArrayList<>();
    for (Payment p : payments) {
      asks.add(
          () -> {
            JsonNode view = client.order(p.order().orderNo());
            JsonNode settlement = client.settlement(p.transactionId());
            return new OrderFacts(
                p.order().orderNo(),
                p.transactionId(),
                acked.containsKey(p.order().orderNo()),
                view,
                settlement);
          });
    }
    return all(pool.invokeAll(asks));
  }

  /**
   * Settlement times by the service's own clock: a settlement's {@code updatedAt} is when it became
   * SETTLED, so notice → SETTLED needs no polling and has no polling error.
   */
  private void settlementFigures(List<Payment> payments, List<OrderFacts> facts, Instant start) {
    Histogram toSettled = new Histogram(3_600_000L, 3);
    Instant last = null;
    int count = 0;
    for (int i = 0; i < payments.size(); i++) {
      JsonNode settlement = facts.get(i).settlement();
      Instant sentAt = firstSent.get(payments.get(i).order().orderNo());
      if (settlement == null
          || sentAt == null
          || !"SETTLED".equals(settlement.path("status").asText())) {
        continue;
      }
      Instant settledAt = Instant.parse(settlement.path("updatedAt").asText());
      toSettled.recordValue(
          Math.max(0, Math.min(3_600_000L, Duration.between(sentAt, settledAt).toMillis())));
      last = last == null || settledAt.isAfter(last) ? settledAt : last;
      count++;
    }
    figures.put("orders settled", count);
    if (count == 0) {
      return;
    }
    long span = Math.max(1, Duration.between(start, last).toMillis());
    figures.put("first notice until the last SETTLED ms", span);
    figures.put("settlements/s until all settled", Math.round(count * 10000.0 / span) / 10.0);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("p50", toSettled.getValueAtPercentile(50));
    p.put("p90", toSettled.getValueAtPercentile(90));
    p.put("p99", toSettled.getValueAtPercentile(99));
    p.put("max", toSettled.getMaxValue());
    figures.put("notice -> SETTLED ms (service clock)", p);
  }

  /**
   * What Temporal alone settles on the same service, all at once as a burst's settlements are, and
   * the run's settlement rate as a share of it. A ceiling that cannot be measured is reported, not
   * failed: the verdict is about the run's own orders.
   */
  private void ceiling(int settlements) {
    if (settlements == 0) {
      return;
    }
    phase = "measuring the ceiling";
    try {
      JsonNode ceiling = client.ceiling(settlements, 0);
      double perSecond = ceiling.path("perSecond").asDouble();
      figures.put("ceiling settlements", ceiling.path("settlements").asInt());
      figures.put("ceiling settlements/s", perSecond);
      if (figures.get("settlements/s until all settled") instanceof Double measured
          && perSecond > 0) {
        figures.put("ratio", Math.round(measured / perSecond * 100) / 100.0);
      }
    } catch (IOException e) {
      figures.put("ceiling settlements/s", "not measured: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      figures.put("ceiling settlements/s", "not measured: interrupted");
    }
  }

  /** Every acknowledged order settled exactly once; stock, sales and points moved once each. */
  private void judge(
      List<Payment> payments, List<OrderFacts> facts, JsonNode before, JsonNode after) {
    List<String> problems = new ArrayList<>();
    Map<String, Integer> settledPerSku = new TreeMap<>();
    Map<String, Long> pointsPerBuyer = new TreeMap<>();
    for (int i = 0; i < payments.size(); i++) {
      OrderFacts order = facts.get(i);
      String problem = Verdict.problem(order);
      if (problem != null) {
        problems.add(order.orderNo() + ": " + problem);
      }
      if (order.settled()) {
        settledPerSku.merge(payments.get(i).sku(), 1, Integer::sum);
        pointsPerBuyer.merge(
            payments.get(i).buyer(), order.view().path("pointsEarned").asLong(), Long::sum);
      }
    }
    if (!problems.isEmpty()) {
      failures.add(problems.size() + " orders not settled exactly once");
      failures.addAll(problems.subList(0, Math.min(Verdict.LISTED, problems.size())));
    }
    for (String sku : skus) {
      JsonNode was = find(before.path("skus"), "skuId", sku);
      JsonNode is = find(after.path("skus"), "skuId", sku);
      int expected = settledPerSku.getOrDefault(sku, 0);
      long stockDrop = was.path("stock").asLong() - is.path("stock").asLong();
      long salesRise = is.path("sales").asLong() - was.path("sales").asLong();
      if (stockDrop != expected || salesRise != expected) {
        failures.add(
            "SKU %s: stock dropped by %d, sales rose by %d, %d orders settled"
                .formatted(sku, stockDrop, salesRise, expected));
      }
    }
    for (String buyer : buyers) {
      JsonNode was = find(before.path("users"), "userId", buyer);
      JsonNode is = find(after.path("users"), "userId", buyer);
      long expected = was.path("points").asLong() + pointsPerBuyer.getOrDefault(buyer, 0L);
      if (is.path("points").asLong() != expected
          || !Objects.equals(was.path("balance"), is.path("balance"))) {
        failures.add(
            "buyer %s: points %d (expected %d), balance %s -> %s"
                .formatted(
                    buyer,
                    is.path("points").asLong(),
                    expected,
                    was.path("balance"),
                    is.path("balance")));
      }
    }
    figures.put("exactly once", problems.isEmpty() ? "every acknowledged order" : "NO");
  }

  private static JsonNode find(JsonNode rows, String idField, String id) {
    for (JsonNode row : rows) {
      if (id.equals(row.path(idField).asText())) {
        return row;
      }
    }
    throw new IllegalStateException(idField + " " + id + " missing from the catalogue");
  }

  private static Map<String, Object> percentiles(Histogram h) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("count", h.getTotalCount());
    p.put("p50", h.getValueAtPercentile(50) / 1000.0);
    p.put("p90", h.getValueAtPercentile(90) / 1000.0);
    p.put("p99", h.getValueAtPercentile(99) / 1000.0);
    p.put("p99.9", h.getValueAtPercentile(99.9) / 1000.0);
    p.put("max", h.getMaxValue() / 1000.0);
    return p;
  }

  /** The answer's status, or why there was none (a timeout, a reset connection). */
  private static String outcome(Answer answer) {
    return answer.status() < 0 ? "no answer: " + answer.error() : Integer.toString(answer.status());
  }

  private static Map<String, Long> statuses(Map<String, LongAdder> byOutcome) {
    Map<String, Long> named = new TreeMap<>();
    byOutcome.forEach((outcome, n) -> named.put(outcome, n.sum()));
    return named;
  }

  private static <T> List<T> all(List<? extends Future<? extends T>> futures) throws Exception {
    List<T> results = new ArrayList<>(futures.size());
    for (Future<? extends T> f : futures) {
      results.add(f.get());
    }
    return results;
  }

  /** The live line on stderr, once a second, so it never mixes into the summary on stdout. */
  private void printProgress() {
    System.err.printf(
        "[%4ds] %s: genuine sent %d/%d acked %d | forged %d | settled %d%n",
        Duration.between(begun, Instant.now()).toSeconds(),
        phase,
        sent.get(),
        options.genuineNotices() * (options.mode() == Mode.STORM ? options.copies() : 1),
        acked.size(),
        forgedSent.get(),
        settled);
  }
}
