package com.paycallback.ledger;

import com.paycallback.settlement.CompensationStep;
import com.paycallback.settlement.SettlementProgress;
import com.paycallback.settlement.SettlementStatus;
import com.paycallback.settlement.SettlementStep;
import com.paycallback.settlement.StepState;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A settlement's steps with their states, read from the ledger and the settlement's progress: what
 * operators see when the workflow (the embedded Temporal after a restart, say) cannot be asked.
 */
public class StepStateReader {

  private final JdbcClient jdbc;

  public StepStateReader(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every forward step, and the compensations that ran or are running, in ledger order. */
  public StepStates read(SettlementProgress progress) {
    Map<String, LedgerEntry> ledger =
        entries(progress.transactionId()).stream()
            .collect(Collectors.toMap(LedgerEntry::step, Function.identity()));
    boolean parked = progress.status() == SettlementStatus.NEEDS_ATTENTION;
    List<StepReport> steps = new ArrayList<>();
    for (SettlementStep step : SettlementStep.values()) {
      LedgerEntry done = ledger.get(step.ledgerName());
      CompensationStep inverse = CompensationStep.inverseOf(step);
      LedgerEntry undone = inverse == null ? null : ledger.get(inverse.ledgerName());
      boolean current = step.ledgerName().equals(progress.step());
      steps.add(
          new StepReport(
              step.ledgerName(),
              stepState(done, undone, current && parked),
              done == null ? null : done.result(),
              current ? progress.attempts() : 0,
              current ? progress.lastError() : null));
    }
    List<StepReport> compensations = new ArrayList<>();
    for (CompensationStep step : CompensationStep.values()) {
      LedgerEntry done = ledger.get(step.ledgerName());
      boolean current = step.ledgerName().equals(progress.step());
      if (done != null || current) {
        compensations.add(
            new StepReport(
                step.ledgerName(),
                done != null ? StepState.DONE : parked ? StepState.FAILED : StepState.RUNNING,
                done == null ? null : done.result(),
                current ? progress.attempts() : 0,
                current ? progress.lastError() : null));
      }
    }
    return new StepStates(steps, compensations);
  }

  /**
   * A forward step's state from the ledger: its own row (applied, skipped, or voided by an inverse
   * because it never ran) and its inverse's row.
   */
  private static StepState stepState(LedgerEntry done, LedgerEntry undone, boolean parkedHere) {
    if (done == null) {
      return parkedHere ? StepState.FAILED : StepState.PENDING;
    }
    if (StepResult.SKIPPED.is(done.result())) {
      return StepState.SKIPPED;
    }
    if (StepResult.VOIDED.is(done.result())) {
      return StepState.PENDING;
    }
    return undone != null && StepResult.DONE.is(undone.result())
        ? StepState.COMPENSATED
        : StepState.DONE;
  }

  private List<LedgerEntry> entries(String transactionId) {
    return jdbc.sql(
            """
            SELECT step, result, applied_at FROM settlement_steps
             WHERE transaction_id = ? ORDER BY applied_at, step
            """)
        .param(transactionId)
        .query(LedgerEntry.class)
        .list();
  }

  /** A settlement's forward steps and its compensations. */
  public record StepStates(List<StepReport> steps, List<StepReport> compensations) {}

  /**
   * One step or compensation.
   *
   * @param result what the ledger recorded for it, or null
   * @param attempts attempts spent, for the step the settlement is at
   * @param lastError its last failure, for the step the settlement is at
   */
  public record StepReport(
      String step, StepState state, String result, int attempts, String lastError) {}

  private record LedgerEntry(String step, String result, Timestamp appliedAt) {}
}
