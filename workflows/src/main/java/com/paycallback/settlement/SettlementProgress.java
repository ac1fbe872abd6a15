package com.paycallback.settlement;

/**
 * A settlement's state as the database keeps it for operators.
 *
 * @param transactionId the settlement (workflow id)
 * @param status where it stands
 * @param step the step it is at, or null when finished
 * @param attempts attempts spent on that step
 * @param lastError the last failure message of that step, or null
 */
public record SettlementProgress(
    String transactionId,
    SettlementStatus status,
    SettlementStep step,
    int attempts,
    String lastError) {}
