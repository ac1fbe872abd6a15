package com.paycallback.reconcile;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs the reconciler's sweep every {@code paycallback.reconciliation.sweep-interval} on every
 * instance; the orders' leases keep two instances from asking about the same order.
 */
@Component
class ReconciliationJob implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(ReconciliationJob.class);

  private final Reconciler reconciler;
  private final ReconciliationProperties properties;

  ReconciliationJob(Reconciler reconciler, ReconciliationProperties properties) {
    this.reconciler = reconciler;
    this.properties = properties;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(
        new FixedDelayTask(this::sweep, properties.sweepInterval(), properties.sweepInterval()));
  }

  private void sweep() {
    try {
      List<Reconciler.Reconciliation> done = reconciler.sweep();
      if (!done.isEmpty()) {
        Map<Reconciler.Action, Long> actions =
            done.stream()
                .collect(
                    Collectors.groupingBy(
                        Reconciler.Reconciliation::action, Collectors.counting()));
        log.info("Reconciliation sweep: {} orders asked about: {}", done.size(), actions);
      }
    } catch (RuntimeException e) {
      log.warn(
          "Reconciliation sweep failed, the next one is in {}: {}",
          properties.sweepInterval(),
          e.toString());
    }
  }
}
