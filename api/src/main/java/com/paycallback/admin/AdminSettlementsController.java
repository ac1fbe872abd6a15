package com.paycallback.admin;

import com.paycallback.inbox.SettlementRecords;
import com.paycallback.inbox.SettlementRecords.SettlementRecord;
import com.paycallback.ledger.StepStateReader;
import com.paycallback.ledger.StepStateReader.StepReport;
import com.paycallback.ledger.StepStateReader.StepStates;
import com.paycallback.notice.NoticeAudit;
import com.paycallback.notice.NoticeAudit.NoticeRow;
import com.paycallback.settlement.SettlementStatus;
import java.util.List;
import java.util.Map;
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
  private final StepStateReader stepStates;
  private final NoticeAudit notices;
  private final SettlementActions actions;

  AdminSettlementsController(
      SettlementRecords settlements,
      StepStateReader stepStates,
      NoticeAudit notices,
      SettlementActions actions) {
    this.settlements = settlements;
    this.stepStates = stepStates;
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
    SettlementStatus wanted = null;
    if (status != null) {
      try {
        wanted = SettlementStatus.valueOf(status);
      } catch (IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "unknown status " + status));
      }
    }
    return ResponseEntity.ok(
        settlements.byStatus(wanted, clamp(limit)).stream().map(this::detail).toList());
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
    StepStates states = stepStates.read(s.progress());
    return new SettlementDetail(
        s.transactionId(),
        s.channel(),
        s.orderNo(),
        s.amount(),
        s.currency(),
        s.status(),
        s.currentStep(),
        s.lastError(),
        s.reason(),
        s.createdAt().toInstant().toString(),
        s.updatedAt().toInstant().toString(),
        states.steps(),
        states.compensations(),
        actions.of(s.transactionId()));
  }

  record SettlementDetail(
      String transactionId,
      String channel,
      String orderNo,
      long amount,
      String currency,
      SettlementStatus status,
      String currentStep,
      String lastError,
      String reason,
      String createdAt,
      String updatedAt,
      List<StepReport> steps,
      List<StepReport> compensations,
      List<SettlementActions.Action> actions) {}
}
