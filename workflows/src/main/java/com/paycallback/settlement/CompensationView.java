package com.paycallback.settlement;

/** One compensation of a settlement as the workflow query reports it. */
public record CompensationView(
    CompensationStep step, StepState state, int attempts, String lastError) {}
