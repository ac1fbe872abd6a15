package com.paycallback.activities;

import com.paycallback.activities.OrderRows.PaidOrder;
import com.paycallback.ledger.StepLedger;
import com.paycallback.ledger.StepResult;
import com.paycallback.settlement.CompensationStep;
import com.paycallback.settlement.SettlementFailures;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.settlement.SettlementStep;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** Runs a step or an inverse once through the {@link StepLedger}. */
class LedgeredSteps {

  private final StepLedger ledger;
  private final OrderRows orders;

  LedgeredSteps(StepLedger ledger, OrderRows orders) {
    this.ledger = ledger;
    this.orders = orders;
  }

  /**
   * A forward step once through the ledger. A step an inverse voided (it never ran, then the
   * settlement was compensated) must not apply on a later run — a reset, or the embedded default's
   * start-up re-drive of a settlement that crashed while compensating: it fails for good, and the
   * re-run compensates again instead of settling.
   */
  void forward(SettlementRequest request, SettlementStep step, Supplier<StepResult> effect) {
    String result =
        ledger.once(request.transactionId(), step.ledgerName(), () -> effect.get().name());
    if (StepResult.VOIDED.is(result)) {
      throw ApplicationFailure.newNonRetryableFailure(
          step.ledgerName() + " was voided: the settlement is compensated",
          SettlementFailures.COMPENSATED);
    }
  }

  /**
   * Runs an inverse once: when the order is paid by this transaction and the ledger says {@code
   * step}'s forward step applied ({@code DONE}), {@code undoApplied}; when it never applied, voids
   * it and runs {@code releaseHold} (null: nothing held, a no-op recorded as {@code NOT_APPLIED}).
   */
  void inverse(
      SettlementRequest request,
      CompensationStep step,
      Function<PaidOrder, StepResult> undoApplied,
      Function<PaidOrder, StepResult> releaseHold) {
    ledger.once(
        request.transactionId(),
        step.ledgerName(),
        () -> {
          PaidOrder order = orders.order(request.orderNo());
          if (!request.transactionId().equals(order.transactionId())) {
            return StepResult.NOT_OURS.name();
          }
          Optional<String> forward =
              ledger.voidUnlessApplied(request.transactionId(), step.undoes().ledgerName());
          if (forward.isEmpty()) {
            return (releaseHold == null ? StepResult.NOT_APPLIED : releaseHold.apply(order)).name();
          }
          return (StepResult.DONE.is(forward.get())
                  ? undoApplied.apply(order)
                  : StepResult.NOT_APPLIED)
              .name();
        });
  }
}
