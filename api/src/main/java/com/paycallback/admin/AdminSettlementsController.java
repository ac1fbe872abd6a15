package com.paycallback.admin;

import com.paycallback.notice.NoticeAudit;
import com.paycallback.notice.NoticeAudit.NoticeRow;
import com.paycallback.settlement.CompensationStep;
import com.paycallback.settlement.SettlementRecords;
import com.paycallback.settlement.SettlementRecords.LedgerEntry;
import com.paycallback.settlement.SettlementRecords.SettlementRecord;
import com.paycallback.settlement.SettlementStatus;
import com.paycallback.settlement.SettlementStep;
import com.paycallback.settlement.StepLedger;
import com.paycallback.settlement.StepState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read side of the admin API. Lists come from the database, not Temporal: the embedded Temporal has
 * no visibility queries, and the database is what survives a restart.
 */
@RestController
@RequestMapping("/admin")
class AdminSettlementsController {

  private static final int MAX_LIMIT = 500;

  private final SettlementRecords settlements;
  private final NoticeAudit notices;
  private final SettlementActions actions;

  AdminSettlementsController(
      SettlementRecords settlements, NoticeAudit notices, SettlementActions actions) {
    this.settlements = settlements;
    this.notices = notices;
    this.actions = actions;
  }

  @GetMapping("/settlements/{transactionId}")
  ResponseEntity<SettlementDetail> settlement(@PathVariable String transactionId) {
    return settlements
        .find(transactionId)
        .map(s -> ResponseEntity.ok(detail(s)))
        .orElse(ResponseEntity.notFound().build());
  }

  @GetMapping("/settlements")
  ResponseEntity<?> settlements(
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "100") int limit) {
    if (status != null) {
      try {
        SettlementStatus.valueOf(status);
      } catch (IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "unknown status " + status));
      }
    }
    return ResponseEntity.ok(
        settlements.byStatus(status, clamp(limit)).stream().map(this::detail).toList());
  }

  @GetMapping("/notices")
  List<NoticeRow> notices(
      @RequestParam(required = false) String transactionId,
      @RequestParam(required = false) String orderNo,
      @RequestParam(required = false) String outcome,
      @RequestParam(required = false) String reasonCode,
      @RequestParam(defaultValue = "100") int limit) {
    return notices.find(transactionId, orderNo, outcome, reasonCode, clamp(limit));
  }

  private static int clamp(int limit) {
    return Math.max(1, Math.min(limit, MAX_LIMIT));
  }

  private SettlementDetail detail(SettlementRecord s) {
    Map<String, LedgerEntry> ledger =
        settlements.ledger(s.transactionId()).stream()
            .collect(Collectors.toMap(LedgerEntry::step, Function.identity()));
    boolean parked = SettlementStatus.NEEDS_ATTENTION.name().equals(s.status());
    List<StepDetail> steps = new ArrayList<>();
    for (SettlementStep step : SettlementStep.values()) {
      LedgerEntry done = ledger.get(step.ledgerName());
      CompensationStep inverse = CompensationStep.inverseOf(step);
      LedgerEntry undone = inverse == null ? null : ledger.get(inverse.ledgerName());
      boolean current = step.ledgerName().equals(s.currentStep());
      steps.add(
          new StepDetail(
              step.ledgerName(),
              stepState(done, undone, current && parked),
              done == null ? null : done.result(),
              current ? s.attempts() : 0,
              current ? s.lastError() : null));
    }
    List<StepDetail> compensations = new ArrayList<>();
    for (CompensationStep step : CompensationStep.values()) {
      LedgerEntry done = ledger.get(step.ledgerName());
      boolean current = step.ledgerName().equals(s.currentStep());
      if (done != null || current) {
        compensations.add(
            new StepDetail(
                step.ledgerName(),
                done != null ? StepState.DONE : parked ? StepState.FAILED : StepState.RUNNING,
                done == null ? null : done.result(),
                current ? s.attempts() : 0,
                current ? s.lastError() : null));
      }
    }
    return new SettlementDetail(
        s.transactionId(),
        s.channel(),
        s.orderNo(),
        s.amount(),
        s.currency(),
        s.status(),
        s.currentStep(),
        s.reason(),
        s.createdAt().toInstant().toString(),
        s.updatedAt().toInstant().toString(),
        steps,
        compensations,
        actions.of(s.transactionId()));
  }

  /**
   * A forward step's state from the ledger: its own row (applied, skipped, or voided by an inverse
   * because it never ran) and its inverse's row.
   */
  private static StepState stepState(LedgerEntry done, LedgerEntry undone, boolean parkedHere) {
    if (done == null) {
      return parkedHere ? StepState.FAILED : StepState.PENDING;
    }
    return switch (done.result()) {
      case StepLedger.SKIPPED -> StepState.SKIPPED;
      case StepLedger.VOIDED -> StepState.PENDING;
      default ->
          undone != null && "DONE".equals(undone.result()) ? StepState.COMPENSATED : StepState.DONE;
    };
  }

  record SettlementDetail(
      String transactionId,
      String channel,
      String orderNo,
      long amount,
      String currency,
      String status,
      String currentStep,
      String reason,
      String createdAt,
      String updatedAt,
      List<StepDetail> steps,
      List<StepDetail> compensations,
      List<SettlementActions.Action> actions) {}

  record StepDetail(String step, StepState state, String result, int attempts, String lastError) {}
}
