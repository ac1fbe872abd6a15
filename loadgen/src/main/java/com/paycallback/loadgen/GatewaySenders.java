package com.paycallback.loadgen;

import com.paycallback.loadgen.ServiceClient.Answer;
import com.paycallback.loadgen.ServiceClient.Order;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Concurrent senders that behave like a gateway: a notice not answered 2xx (an error status, a
 * refused connection, no answer within 10 s) is re-signed and sent again after 1 s, 2 s, 4 s, then
 * every 5 s, until it is acknowledged or the deadline passes.
 */
final class GatewaySenders implements AutoCloseable {

  /** One send of one notice. */
  record Send(String orderNo, Instant sentAt, Answer answer) {}

  /** A notice a gateway owes the service. */
  record Payment(Order order, String transactionId, byte[] body) {}

  static final long SLOW_NANOS = Duration.ofSeconds(5).toNanos();

  private final ServiceClient client;
  private final ExecutorService senders;
  private final ScheduledExecutorService backoff = Executors.newSingleThreadScheduledExecutor();
  private final ConcurrentLinkedQueue<Send> sends = new ConcurrentLinkedQueue<>();
  private final Map<String, Instant> firstAcked = new ConcurrentHashMap<>();
  private final AtomicInteger slow = new AtomicInteger();
  private volatile Instant deadline;

  GatewaySenders(ServiceClient client, int concurrency, Instant deadline) {
    this.client = client;
    this.senders = Executors.newFixedThreadPool(concurrency);
    this.deadline = deadline;
  }

  /** The backoff before retry number {@code attempt} (1-based): 1 s, 2 s, 4 s, capped at 5 s. */
  static Duration backoff(int attempt) {
    return Duration.ofSeconds(Math.min(5, 1L << Math.min(attempt - 1, 3)));
  }

  void extendDeadline(Instant newDeadline) {
    deadline = newDeadline;
  }

  void pay(Payment payment) {
    senders.execute(() -> send(payment, 1));
  }

  private void send(Payment payment, int attempt) {
    Instant sentAt = Instant.now();
    Answer answer = client.notify(payment.body());
    sends.add(new Send(payment.order().orderNo(), sentAt, answer));
    if (answer.nanos() > SLOW_NANOS) {
      slow.incrementAndGet();
    }
    if (answer.acknowledged()) {
      firstAcked.putIfAbsent(payment.order().orderNo(), Instant.now());
      return;
    }
    Duration wait = backoff(attempt);
    if (Instant.now().plus(wait).isBefore(deadline) && !senders.isShutdown()) {
      backoff.schedule(
          () -> {
            if (!senders.isShutdown()) {
              senders.execute(() -> send(payment, attempt + 1));
            }
          },
          wait.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  int acked() {
    return firstAcked.size();
  }

  boolean isAcked(String orderNo) {
    return firstAcked.containsKey(orderNo);
  }

  Instant ackedAt(String orderNo) {
    return firstAcked.get(orderNo);
  }

  int slowAnswers() {
    return slow.get();
  }

  List<Send> sends() {
    return new ArrayList<>(sends);
  }

  /** Answer times in nanoseconds of the sends that began in [from, to). */
  Histogram histogram(Instant from, Instant to) {
    Histogram histogram = new Histogram(3_600_000_000_000L, 3);
    for (Send send : sends) {
      if (!send.sentAt().isBefore(from) && send.sentAt().isBefore(to)) {
        histogram.recordValue(Math.max(1, send.answer().nanos()));
      }
    }
    return histogram;
  }

  @Override
  public void close() {
    backoff.shutdownNow();
    senders.shutdownNow();
  }
}
