package com.paycallback.settlement;

/**
 * An operator's decision for a parked settlement, delivered as a workflow update.
 *
 * @param action what to do with the parked step
 * @param operator who decided (the admin API's user), for the workflow history
 */
public record OperatorDecision(OperatorAction action, String operator) {}
