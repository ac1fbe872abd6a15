package com.paycallback.dispatch;

import com.paycallback.inbox.SettlementRecords;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.worker.SettlementProperties;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts the saga of every inbox row (a {@code settlements} row without {@code dispatched_at}): at
 * once, off the request thread, for a notice just handed off; and by a sweep every {@code
 * paycallback.settlement.sweep-interval} for rows a crash or a Temporal outage left behind. The
 * sweep also asks Temporal about unfinished settlements it has not heard of for that long: one
 * whose workflow Temporal does not know (the embedded server forgets everything on exit) is started
 * again, and one whose workflow ended without finishing (failed, terminated, timed out) becomes
 * NEEDS_ATTENTION for an operator's restart.
 *
 * <p>Several instances may sweep one database: rows are claimed with {@code FOR UPDATE SKIP
 * LOCKED}, and the workflow id (the transaction id) makes a double start harmless anyway.
 */
@Component
public class SettlementDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SettlementDispatcher.class);

  /** Rows per claim: bounds how long a sweep holds their locks while it starts them. */
  static final int BATCH = 50;

  /**
   * Settlements asked about per sweep, and how many sweep intervals a settlement goes unasked:
   * under a backlog of thousands of running settlements, the sweep must not flood Temporal with
   * questions while it is busy settling them.
   */
  static final int CHECKS_PER_SWEEP = 200;

  static final int INTERVALS_BETWEEN_CHECKS = 6;

  private final SettlementRecords inbox;
  private final SettlementStarter starter;
  private final Duration sweepInterval;

  /**
   * Temporal starts with no workflows (the embedded test server keeps them in memory only): the
   * first sweep starts every unfinished settlement again without asking Temporal one by one.
   */
  private final boolean temporalStartsEmpty;

  /** Immediate starts. A full queue loses nothing: the row waits for the sweep. */
  private final ThreadPoolExecutor starts =
      new ThreadPoolExecutor(
          4,
          4,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(10_000),
          daemon("settlement-dispatch"));

  /**
   * Transactions whose immediate start is queued or running. A storm of copies of one notice, each
   * arriving before the first copy's start was recorded, queues that start once, not once per copy
   * (each would be a call to Temporal answered "already started").
   */
  private final Set<String> startsInFlight = ConcurrentHashMap.newKeySet();

  private ScheduledExecutorService sweeper;

  SettlementDispatcher(
      SettlementRecords inbox,
      SettlementStarter starter,
      SettlementProperties properties,
      @Value("${paycallback.embedded.temporal:false}") boolean temporalStartsEmpty) {
    this.inbox = inbox;
    this.starter = starter;
    this.sweepInterval = properties.sweepInterval();
    this.temporalStartsEmpty = temporalStartsEmpty;
  }

  /**
   * After the hand-off committed: start the settlement now; a failure leaves it to the sweep.
   *
   * @return whether a start was queued: not when one is queued or running already, nor when the
   *     queue is full (the sweep starts it)
   */
  public boolean dispatch(SettlementRequest request) {
    if (!startsInFlight.add(request.transactionId())) {
      return false;
    }
    try {
      starts.execute(() -> startNow(request));
      return true;
    } catch (RejectedExecutionException backlog) {
      startsInFlight.remove(request.transactionId());
      log.debug("dispatch queue full; {} waits for the sweep", request.transactionId());
      return false;
    }
  }

  private void startNow(SettlementRequest request) {
    try {
      starter.start(request);
      inbox.markDispatched(request.transactionId());
    } catch (RuntimeException e) {
      log.warn(
          "settlement {} not started now, the sweep will: {}",
          request.transactionId(),
          e.toString());
    } finally {
      startsInFlight.remove(request.transactionId());
    }
  }

  /**
   * One sweep: starts what was not started, then checks on what Temporal may have forgotten or
   * ended (at most {@link #CHECKS_PER_SWEEP}, each unfinished settlement every {@link
   * #INTERVALS_BETWEEN_CHECKS} sweep intervals), and starts what it had forgotten.
   */
  public Sweep sweep() {
    int started = dispatchPending();
    int forgotten = 0;
    int ended = 0;
    List<String> due =
        inbox.dueForCheck(sweepInterval.multipliedBy(INTERVALS_BETWEEN_CHECKS), CHECKS_PER_SWEEP);
    for (String transactionId : due) {
      Optional<WorkflowExecutionStatus> status = starter.status(transactionId);
      if (status.isEmpty()) {
        inbox.redispatch(transactionId);
        forgotten++;
      } else if (SettlementStarter.endedUnfinished(status.get())) {
        inbox.markEndedUnfinished(
            transactionId,
            "the workflow ended "
                + status.get().name().replace("WORKFLOW_EXECUTION_STATUS_", "")
                + " before the settlement finished: restart it");
        ended++;
      } else {
        inbox.markChecked(transactionId);
      }
    }
    if (forgotten > 0) {
      started += dispatchPending();
    }
    return new Sweep(started, forgotten, ended);
  }

  /** Starts inbox rows batch by batch until none is left or Temporal stops taking them. */
  private int dispatchPending() {
    int started = 0;
    int batch;
    do {
      batch = inbox.dispatchPending(BATCH, starter::startAll);
      started += batch;
    } while (batch == BATCH);
    return started;
  }

  /**
   * What one sweep did.
   *
   * @param started workflows started (or found started) for inbox rows
   * @param forgotten settlements whose workflow Temporal did not know, started again
   * @param ended settlements whose workflow ended unfinished, now waiting for an operator
   */
  public record Sweep(int started, int forgotten, int ended) {}

  private void firstSweep() {
    if (temporalStartsEmpty) {
      try {
        int unfinished = inbox.forgetDispatches();
        if (unfinished > 0) {
          log.info("Starting {} unfinished settlements again on the new Temporal", unfinished);
        }
      } catch (RuntimeException e) {
        log.warn("cannot re-drive unfinished settlements now: {}", e.toString());
      }
    }
    sweepAndLog();
  }

  private void sweepAndLog() {
    try {
      Sweep sweep = sweep();
      if (sweep.started() + sweep.forgotten() + sweep.ended() > 0) {
        log.info(
            "Dispatcher sweep: {} started, {} unknown to Temporal, {} ended unfinished",
            sweep.started(),
            sweep.forgotten(),
            sweep.ended());
      }
    } catch (RuntimeException e) {
      log.warn("Dispatcher sweep failed, the next one is in {}: {}", sweepInterval, e.toString());
    }
  }

  @Override
  public synchronized void start() {
    sweeper = Executors.newSingleThreadScheduledExecutor(daemon("settlement-sweep"));
    // The first sweep is the start-up re-drive, on its own thread: it never blocks start-up.
    sweeper.execute(this::firstSweep);
    sweeper.scheduleWithFixedDelay(
        this::sweepAndLog,
        sweepInterval.toMillis(),
        sweepInterval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (sweeper != null) {
      sweeper.shutdownNow();
      sweeper = null;
    }
    starts.shutdownNow();
  }

  @Override
  public synchronized boolean isRunning() {
    return sweeper != null;
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
