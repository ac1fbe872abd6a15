package com.paycallback.retention;

import com.paycallback.admin.SettlementActions;
import com.paycallback.inbox.SettlementRecords;
import com.paycallback.ledger.StepLedger;
import com.paycallback.notice.NonceRegistry;
import com.paycallback.notice.NoticeAudit;
import com.paycallback.notice.ReasonCode.Outcome;
import com.paycallback.settlement.SettlementStatus;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes what {@link RetentionProperties} no longer keeps, oldest first, in batches: each batch is
 * one short transaction, so a run never holds locks (or a connection) for long and a large backlog
 * drains over several batches. Each table's SQL lives with its owner. Several instances may run at
 * once: a delete of rows already gone deletes nothing, and settlements being deleted by one
 * instance are skipped by another.
 */
@Component
class RetentionJob implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

  /** Nonces expire within minutes; the table stays as small as the freshness window allows. */
  private static final Duration NONCE_SWEEP = Duration.ofMinutes(1);

  /** The first run waits this long: a starting instance has other work first. */
  private static final Duration FIRST_RUN_AFTER = Duration.ofMinutes(1);

  private final RetentionProperties properties;
  private final NoticeAudit audit;
  private final NonceRegistry nonces;
  private final SettlementRecords settlements;
  private final StepLedger ledger;
  private final SettlementActions actions;

  RetentionJob(
      RetentionProperties properties,
      NoticeAudit audit,
      NonceRegistry nonces,
      SettlementRecords settlements,
      StepLedger ledger,
      SettlementActions actions) {
    this.properties = properties;
    this.audit = audit;
    this.nonces = nonces;
    this.settlements = settlements;
    this.ledger = ledger;
    this.actions = actions;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(
        new FixedDelayTask(this::forgetExpiredNonces, NONCE_SWEEP, NONCE_SWEEP));
    if (properties.enabled()) {
      registrar.addFixedDelayTask(
          new FixedDelayTask(this::run, properties.interval(), FIRST_RUN_AFTER));
    }
  }

  void forgetExpiredNonces() {
    long removed = inBatches(() -> nonces.forgetExpired(properties.batchSize()));
    if (removed > 0) {
      log.debug("retention: {} expired nonces forgotten", removed);
    }
  }

  /** One run over every table; what it removed is logged per table. */
  Removed run() {
    int batch = properties.batchSize();
    long notices = 0;
    for (Outcome kept : List.of(Outcome.ACCEPTED, Outcome.DUPLICATE, Outcome.IGNORED)) {
      notices += inBatches(() -> audit.forgetOlderThan(kept, properties.notices(), batch));
    }
    long payloads = 0;
    long rejected = 0;
    for (Outcome failed : List.of(Outcome.REJECTED, Outcome.ERROR)) {
      rejected +=
          inBatches(() -> audit.forgetOlderThan(failed, properties.rejectedNotices(), batch));
      payloads +=
          inBatches(
              () -> audit.stripPayloadsOlderThan(failed, properties.rejectedPayloads(), batch));
    }
    long finished = 0;
    for (SettlementStatus status :
        List.of(SettlementStatus.SETTLED, SettlementStatus.COMPENSATED)) {
      finished +=
          inBatches(
              () ->
                  settlements.forgetFinished(
                      status, properties.settlements(), batch, this::forgetDependents));
    }
    Removed removed = new Removed(notices, rejected, payloads, finished);
    log.info(
        "retention: {} notices and {} rejected notices deleted, {} rejected payloads dropped,"
            + " {} finished settlements deleted with their ledger",
        notices,
        rejected,
        payloads,
        finished);
    return removed;
  }

  /** Inside the settlements' batch transaction, on its connection. */
  private void forgetDependents(List<String> transactionIds) {
    ledger.forget(transactionIds);
    actions.forget(transactionIds);
  }

  /** Repeats {@code batch} until it comes back short of a full batch. */
  private long inBatches(IntSupplier batch) {
    long total = 0;
    int done;
    do {
      done = batch.getAsInt();
      total += done;
    } while (done >= properties.batchSize());
    return total;
  }

  /** What one run removed: audit rows, stripped payloads and settlements. */
  record Removed(long notices, long rejectedNotices, long rejectedPayloads, long settlements) {}
}
