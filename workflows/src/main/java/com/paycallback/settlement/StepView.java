package com.paycallback.settlement;

/** One step of a settlement as the workflow query reports it. */
public record StepView(SettlementStep step, StepState state, int attempts, String lastError) {}
