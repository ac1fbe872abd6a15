package com.paycallback.sandbox;

import com.paycallback.dispatch.SettlementStarter;
import com.paycallback.settlement.PaymentChannel;
import com.paycallback.settlement.PaymentSettlementWorkflow;
import com.paycallback.settlement.SettlementProgress;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.settlement.SettlementStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Temporal itself can settle on this machine (issue 11's ceiling): the real settlement
 * workflow on a worker of its own ({@link #TASK_QUEUE}, same factory, test server, worker and
 * workflow options as the settlement worker, see {@code CeilingConfig}) whose steps do nothing. A
 * run starts its workflows as the dispatcher does and ends when the last one records SETTLED, the
 * same end point the load generator reads from the settlement rows. It touches no table.
 */
class Ceiling {

  /** The ceiling worker's task queue; no real settlement is ever started on it. */
  static final String TASK_QUEUE = "paycallback-ceiling";

  /**
   * The most settlements one run may start. Temporal's test server keeps every workflow's history
   * in the service's heap until it stops, so each run costs memory for good.
   */
  static final int MAX_SETTLEMENTS = 20_000;

  /** A run that has not settled by then is ended (its unfinished workflows terminated). */
  static final Duration LIMIT = Duration.ofMinutes(10);

  /** Starts in flight at once, as many as the settlement starter's own calls to Temporal. */
  private static final int PARALLEL_STARTS = 8;

  private static final Logger log = LoggerFactory.getLogger(Ceiling.class);

  private final WorkflowClient client;
  private final ReentrantLock oneRunAtATime = new ReentrantLock();
  private volatile Run current;

  Ceiling(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Starts {@code settlements} workflows, {@code concurrency} in flight at once (0: all at once),
   * and waits until each recorded SETTLED.
   *
   * @throws Busy when another run is measuring
   * @throws Failed when a workflow could not be started, ended otherwise (a sandbox fault) or did
   *     not settle within {@link #LIMIT}
   */
  Measured measure(int settlements, int concurrency) throws InterruptedException {
    if (!oneRunAtATime.tryLock()) {
      throw new Busy();
    }
    try {
      return run(new Run(settlements, concurrency));
    } finally {
      current = null;
      oneRunAtATime.unlock();
    }
  }

  private Measured run(Run run) throws InterruptedException {
    current = run;
    ExecutorService starts =
        Executors.newFixedThreadPool(
            PARALLEL_STARTS,
            runnable -> {
              Thread thread = new Thread(runnable, "ceiling-start");
              thread.setDaemon(true);
              return thread;
            });
    long begun = System.nanoTime();
    long deadline = begun + LIMIT.toNanos();
    boolean settled = false;
    try {
      for (int i = 0; i < run.settlements; i++) {
        if (!run.inFlight.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
          break;
        }
        SettlementRequest request = run.request(i);
        run.unfinished.add(request.transactionId());
        starts.execute(() -> start(run, request));
      }
      settled = run.finished.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    } finally {
      starts.shutdownNow();
    }
    if (!settled) {
      terminate(run.unfinished);
      throw new Failed(
          run.unfinished.size()
              + " of "
              + run.settlements
              + " ceiling settlements unfinished after "
              + LIMIT
              + ", terminated");
    }
    if (run.notSettled.get() > 0) {
      throw new Failed(
          run.notSettled.get()
              + " of "
              + run.settlements
              + " ceiling settlements "
              + run.why.get());
    }
    double seconds = Math.max(1, run.lastSettled - begun) / 1e9;
    return new Measured(
        run.settlements,
        Math.round(seconds * 1000) / 1000.0,
        Math.round(run.settlements / seconds * 10) / 10.0);
  }

  /** As {@link SettlementStarter} starts a settlement, on the ceiling's task queue. */
  private void start(Run run, SettlementRequest request) {
    WorkflowOptions options =
        SettlementStarter.options(
            request, TASK_QUEUE, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
    try {
      WorkflowClient.start(
          client.newWorkflowStub(PaymentSettlementWorkflow.class, options)::settle, request);
    } catch (RuntimeException e) {
      run.ended(request.transactionId(), "could not be started: " + e);
    }
  }

  /** The ceiling activities' {@code recordProgress}: a settlement of the current run ended. */
  void progressed(SettlementProgress progress) {
    Run run = current;
    if (run == null || !progress.status().isFinal()) {
      return;
    }
    if (progress.status() == SettlementStatus.SETTLED) {
      run.settled(progress.transactionId());
    } else {
      run.ended(progress.transactionId(), "ended " + progress.status() + " (a sandbox fault?)");
    }
  }

  private void terminate(Set<String> workflowIds) {
    for (String workflowId : workflowIds) {
      try {
        client.newUntypedWorkflowStub(workflowId).terminate("the ceiling run timed out");
      } catch (RuntimeException e) {
        log.debug("ceiling workflow {} not terminated: {}", workflowId, e.toString());
      }
    }
  }

  /**
   * One run's settlements: each a permit while in flight, a count until it recorded how it ended.
   */
  private static final class Run {
    final int settlements;
    final String prefix = "ceiling-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    final Semaphore inFlight;
    final Set<String> unfinished = ConcurrentHashMap.newKeySet();
    final CountDownLatch finished;
    final AtomicInteger notSettled = new AtomicInteger();
    final AtomicReference<String> why = new AtomicReference<>();
    volatile long lastSettled;

    Run(int settlements, int concurrency) {
      this.settlements = settlements;
      this.inFlight = new Semaphore(concurrency == 0 ? settlements : concurrency);
      this.finished = new CountDownLatch(settlements);
    }

    /** A settlement of no real order: the ids say it is the ceiling's. */
    SettlementRequest request(int i) {
      return new SettlementRequest(
          PaymentChannel.GENERIC.id(),
          prefix + i,
          "CEILING-" + prefix.substring("ceiling-".length()) + i,
          1990,
          "CNY",
          Instant.now(),
          "ceiling");
    }

    void settled(String workflowId) {
      if (unfinished.remove(workflowId)) {
        lastSettled = System.nanoTime();
        done();
      }
    }

    void ended(String workflowId, String reason) {
      if (unfinished.remove(workflowId)) {
        notSettled.incrementAndGet();
        why.compareAndSet(null, reason);
        done();
      }
    }

    private void done() {
      inFlight.release();
      finished.countDown();
    }
  }

  /**
   * A run's figures.
   *
   * @param settlements workflows started and SETTLED
   * @param seconds from the first start until the last recorded SETTLED
   * @param perSecond settlements per second over that span
   */
  record Measured(int settlements, double seconds, double perSecond) {}

  /** Another run is measuring: two at once would measure each other. */
  static final class Busy extends RuntimeException {
    Busy() {
      super("a ceiling run is measuring already", null, false, false);
    }
  }

  /** The run did not settle every workflow it started. */
  static final class Failed extends RuntimeException {
    Failed(String message) {
      super(message);
    }
  }
}
