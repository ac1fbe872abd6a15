package com.paycallback.admin;

import com.paycallback.admin.SettlementOperator.DecisionRejected;
import com.paycallback.dispatch.SettlementStarter;
import com.paycallback.dispatch.SettlementStarter.SettlementUnavailable;
import com.paycallback.inbox.SettlementRecords;
import com.paycallback.inbox.SettlementRecords.SettlementRecord;
import com.paycallback.settlement.DecisionReceipt;
import com.paycallback.settlement.OperatorAction;
import com.paycallback.settlement.SettlementStatus;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator lane of the admin API (operators only, see {@code SecurityConfig}): retry, skip or
 * compensate a parked settlement, record a refund the gateway did not complete as made by hand, or
 * restart a settlement whose workflow ended without finishing. Every attempt is recorded with who
 * and when, rejected ones too.
 */
@RestController
@RequestMapping("/admin/settlements")
class AdminActionsController {

  private static final String RESTART = "RESTART";

  private final SettlementRecords settlements;
  private final SettlementOperator operator;
  private final SettlementStarter starter;
  private final SettlementActions actions;

  AdminActionsController(
      SettlementRecords settlements,
      SettlementOperator operator,
      SettlementStarter starter,
      SettlementActions actions) {
    this.settlements = settlements;
    this.operator = operator;
    this.starter = starter;
    this.actions = actions;
  }

  @PostMapping("/{transactionId}/{action:retry|skip|compensate|refunded-by-hand}")
  ResponseEntity<?> act(
      @PathVariable String transactionId,
      @PathVariable String action,
      Authentication authentication) {
    Optional<SettlementRecord> settlement = settlements.find(transactionId);
    if (settlement.isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    OperatorAction decided =
        OperatorAction.valueOf(action.toUpperCase(Locale.ROOT).replace('-', '_'));
    String who = authentication.getName();
    String step = settlement.get().currentStep();
    if (settlement.get().status() != SettlementStatus.NEEDS_ATTENTION) {
      return rejected(
          transactionId, decided.name(), step, who, "not parked: " + settlement.get().status());
    }
    try {
      DecisionReceipt receipt = operator.decide(transactionId, decided, who);
      actions.record(transactionId, decided.name(), receipt.step(), who, "ACCEPTED", null);
      return ResponseEntity.ok(
          new ActionResult(transactionId, decided.name(), receipt.step(), who, "ACCEPTED", null));
    } catch (DecisionRejected e) {
      return rejected(transactionId, decided.name(), step, who, e.getMessage());
    }
  }

  /**
   * A new run under the same workflow id for a settlement whose workflow ended without finishing
   * (failed, terminated, timed out) or that Temporal does not know. Never for a completed run; the
   * ledger makes the new run apply each effect once.
   */
  @PostMapping("/{transactionId}/restart")
  ResponseEntity<?> restart(@PathVariable String transactionId, Authentication authentication) {
    Optional<SettlementRecord> settlement = settlements.find(transactionId);
    if (settlement.isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    String who = authentication.getName();
    String step = settlement.get().currentStep();
    if (settlement.get().finished()) {
      return rejected(transactionId, RESTART, step, who, "finished: " + settlement.get().status());
    }
    try {
      Optional<WorkflowExecutionStatus> workflow = starter.status(transactionId);
      if (workflow.isPresent() && !SettlementStarter.endedUnfinished(workflow.get())) {
        return rejected(
            transactionId,
            RESTART,
            step,
            who,
            "its workflow is still running: retry, skip or compensate the parked step instead");
      }
      if (!starter.restart(settlement.get().toRequest())) {
        return rejected(transactionId, RESTART, step, who, "Temporal refused a new run");
      }
    } catch (SettlementUnavailable e) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .body(Map.of("transactionId", transactionId, "error", e.getMessage()));
    }
    settlements.markRestarted(transactionId);
    actions.record(transactionId, RESTART, step, who, "ACCEPTED", null);
    return ResponseEntity.ok(new ActionResult(transactionId, RESTART, step, who, "ACCEPTED", null));
  }

  private ResponseEntity<?> rejected(
      String transactionId, String action, String step, String who, String reason) {
    actions.record(transactionId, action, step, who, "REJECTED", reason);
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .body(
            Map.of(
                "transactionId",
                transactionId,
                "action",
                action,
                "outcome",
                "REJECTED",
                "error",
                reason));
  }

  record ActionResult(
      String transactionId,
      String action,
      String step,
      String operator,
      String outcome,
      String error) {}
}
