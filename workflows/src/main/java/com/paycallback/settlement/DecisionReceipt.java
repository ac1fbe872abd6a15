package com.paycallback.settlement;

/**
 * The workflow's answer to an accepted operator decision.
 *
 * @param action the accepted action
 * @param step the ledger name of the step it applies to
 */
public record DecisionReceipt(OperatorAction action, String step) {}
