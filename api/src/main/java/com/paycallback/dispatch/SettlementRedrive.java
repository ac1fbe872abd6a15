package com.paycallback.dispatch;

import com.paycallback.inbox.SettlementRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Restarts every settlement the database says is unfinished. The embedded Temporal forgets its
 * workflows on exit, so without this a crash would strand paid orders; the ledger makes the re-run
 * harmless, and against a real cluster the start is simply rejected as a duplicate.
 */
@Component
@ConditionalOnProperty(
    name = "paycallback.settlement.redrive-on-startup",
    havingValue = "true",
    matchIfMissing = true)
class SettlementRedrive {

  private static final Logger log = LoggerFactory.getLogger(SettlementRedrive.class);

  private final SettlementRecords records;
  private final SettlementStarter starter;

  SettlementRedrive(SettlementRecords records, SettlementStarter starter) {
    this.records = records;
    this.starter = starter;
  }

  @EventListener(ApplicationReadyEvent.class)
  void redriveUnfinished() {
    int restarted = 0;
    for (SettlementRecords.SettlementRecord settlement : records.unfinished()) {
      if (starter.start(settlement.toRequest())) {
        restarted++;
      }
    }
    if (restarted > 0) {
      log.info("Re-drove {} unfinished settlements", restarted);
    }
  }
}
