package com.paycallback.settlement;

/**
 * A settlement's state as the database keeps it for operators.
 *
 * @param transactionId the settlement (workflow id)
 * @param status where it stands
 * @param step the ledger name of the step (or compensation) it is at, or null when finished
 * @param attempts attempts spent on that step
 * @param lastError the last failure message of that step, or null
 * @param reason why the settlement is compensating or compensated (business failure, late payment,
 *     operator decision), or null; once set it is kept
 */
public record SettlementProgress(
    String transactionId,
    SettlementStatus status,
    String step,
    int attempts,
    String lastError,
    String reason) {}
