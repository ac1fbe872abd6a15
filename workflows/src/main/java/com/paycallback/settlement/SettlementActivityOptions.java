package com.paycallback.settlement;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts and retries of the settlement activities. The worker installs them as the workflow's
 * default activity options, so deployments tune them by configuration without touching workflow
 * code.
 */
public final class SettlementActivityOptions {

  /** A step is a few rows in one local transaction; anything slower is a stuck connection. */
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

  /**
   * A local step whose next retry is further away than this waits on a workflow timer instead of
   * inside its workflow task: a step failing for minutes (a frozen database) would otherwise hold
   * one of the worker's few workflow-task slots the whole time, and every other settlement would
   * queue behind a handful of failing ones.
   */
  private static final Duration LOCAL_RETRY_THRESHOLD = Duration.ofSeconds(1);

  private SettlementActivityOptions() {}

  /**
   * @param maximumAttempts attempts per step before the step counts as failed (0 = unlimited)
   * @param initialInterval first backoff
   * @param maximumInterval backoff ceiling
   */
  public static ActivityOptions of(
      int maximumAttempts, Duration initialInterval, Duration maximumInterval) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(STEP_TIMEOUT)
        .setRetryOptions(retries(maximumAttempts, initialInterval, maximumInterval))
        .build();
  }

  /** The same timeout and retries for the steps the workflow runs as local activities. */
  public static LocalActivityOptions local(
      int maximumAttempts, Duration initialInterval, Duration maximumInterval) {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(STEP_TIMEOUT)
        .setRetryOptions(retries(maximumAttempts, initialInterval, maximumInterval))
        .setLocalRetryThreshold(LOCAL_RETRY_THRESHOLD)
        .build();
  }

  private static RetryOptions retries(
      int maximumAttempts, Duration initialInterval, Duration maximumInterval) {
    return RetryOptions.newBuilder()
        .setInitialInterval(initialInterval)
        .setBackoffCoefficient(2.0)
        .setMaximumInterval(maximumInterval)
        .setMaximumAttempts(maximumAttempts)
        .setDoNotRetry(SettlementFailures.BUSINESS.toArray(String[]::new))
        .build();
  }

  /**
   * For the saga's bookkeeping (mirroring its progress, recording an operator's skip): retried
   * until the database is back, however long that takes. These have no business failure, and giving
   * up would fail the workflow — the one ending a settlement must never have.
   */
  public static ActivityOptions untilDone() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(STEP_TIMEOUT)
        .setRetryOptions(untilDoneRetries())
        .build();
  }

  private static RetryOptions untilDoneRetries() {
    return RetryOptions.newBuilder()
        .setInitialInterval(Duration.ofSeconds(1))
        .setBackoffCoefficient(2.0)
        .setMaximumInterval(Duration.ofMinutes(1))
        .setMaximumAttempts(0)
        .build();
  }

  /** Ten attempts, 1 s doubling up to 1 min: a few minutes of riding out a database blip. */
  public static ActivityOptions defaults() {
    return of(10, Duration.ofSeconds(1), Duration.ofMinutes(1));
  }

  /** {@link #defaults()} for the local steps. */
  public static LocalActivityOptions localDefaults() {
    return local(10, Duration.ofSeconds(1), Duration.ofMinutes(1));
  }
}
