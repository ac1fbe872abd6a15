package com.paycallback.settlement;

import java.util.List;

/** The answer of the workflow query: the settlement's status and every step with its state. */
public record SettlementView(String transactionId, SettlementStatus status, List<StepView> steps) {}
