package com.paycallback.reconcile;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the reconciler asks the gateways about unpaid orders and when it closes them.
 *
 * @param queryAfter the first question about an order still unpaid comes this long after its
 *     payment started; the wait then doubles after every answer that leaves it unpaid
 * @param maximumInterval the longest wait between two questions about one order
 * @param paymentDeadline an order still unpaid this long after its creation is closed, once every
 *     gateway the buyer started paying with says it was not paid (and its trade there is closed)
 * @param sweepInterval how often each instance looks for orders due to be asked about
 * @param lease how long an instance keeps an order to itself while it asks; another instance takes
 *     it over only after this (the asking one crashed)
 */
@Validated
@ConfigurationProperties("paycallback.reconciliation")
public record ReconciliationProperties(
    @NotNull @DefaultValue("5m") Duration queryAfter,
    @NotNull @DefaultValue("10m") Duration maximumInterval,
    @NotNull @DefaultValue("30m") Duration paymentDeadline,
    @NotNull @DefaultValue("30s") Duration sweepInterval,
    @NotNull @DefaultValue("2m") Duration lease) {

  /** The wait after the {@code checks}-th question: query-after, doubling, at most the maximum. */
  Duration intervalAfter(int checks) {
    Duration interval = queryAfter;
    for (int i = 1; i < checks && interval.compareTo(maximumInterval) < 0; i++) {
      interval = interval.multipliedBy(2);
    }
    return interval.compareTo(maximumInterval) > 0 ? maximumInterval : interval;
  }
}
