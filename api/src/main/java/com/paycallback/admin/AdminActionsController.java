package com.paycallback.admin;

import com.paycallback.admin.SettlementOperator.DecisionRejected;
import com.paycallback.inbox.SettlementRecords;
import com.paycallback.inbox.SettlementRecords.SettlementRecord;
import com.paycallback.settlement.DecisionReceipt;
import com.paycallback.settlement.OperatorAction;
import com.paycallback.settlement.SettlementStatus;
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
 * compensate a parked settlement. Every attempt is recorded with who and when, rejected ones too.
 */
@RestController
@RequestMapping("/admin/settlements")
class AdminActionsController {

  private final SettlementRecords settlements;
  private final SettlementOperator operator;
  private final SettlementActions actions;

  AdminActionsController(
      SettlementRecords settlements, SettlementOperator operator, SettlementActions actions) {
    this.settlements = settlements;
    this.operator = operator;
    this.actions = actions;
  }

  @PostMapping("/{transactionId}/{action:retry|skip|compensate}")
  ResponseEntity<?> act(
      @PathVariable String transactionId,
      @PathVariable String action,
      Authentication authentication) {
    Optional<SettlementRecord> settlement = settlements.find(transactionId);
    if (settlement.isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    OperatorAction decided = OperatorAction.valueOf(action.toUpperCase(Locale.ROOT));
    String who = authentication.getName();
    String step = settlement.get().currentStep();
    if (settlement.get().status() != SettlementStatus.NEEDS_ATTENTION) {
      return rejected(
          transactionId, decided, step, who, "not parked: " + settlement.get().status());
    }
    try {
      DecisionReceipt receipt = operator.decide(transactionId, decided, who);
      actions.record(transactionId, decided.name(), receipt.step(), who, "ACCEPTED", null);
      return ResponseEntity.ok(
          new ActionResult(transactionId, decided.name(), receipt.step(), who, "ACCEPTED", null));
    } catch (DecisionRejected e) {
      return rejected(transactionId, decided, step, who, e.getMessage());
    }
  }

  private ResponseEntity<?> rejected(
      String transactionId, OperatorAction action, String step, String who, String reason) {
    actions.record(transactionId, action.name(), step, who, "REJECTED", reason);
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .body(
            Map.of(
                "transactionId",
                transactionId,
                "action",
                action.name(),
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
