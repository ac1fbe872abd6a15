package com.paycallback.settlement;

import java.util.List;

/**
 * The answer of the workflow query: the settlement's status, every step with its state, the
 * compensations that ran (in the order they ran) and, when it did not settle, why.
 *
 * @param parkedStep the ledger name of the step waiting for an operator, or null
 */
public record SettlementView(
    String transactionId,
    SettlementStatus status,
    String parkedStep,
    String reason,
    List<StepView> steps,
    List<CompensationView> compensations) {}
