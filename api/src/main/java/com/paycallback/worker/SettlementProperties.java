package com.paycallback.worker;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How settlement steps are retried before a step counts as failed, and how the dispatcher sweeps.
 *
 * @param maximumAttempts attempts per step (transient errors) before the step fails
 * @param initialInterval the first backoff; it doubles each attempt
 * @param maximumInterval the backoff ceiling
 * @param handOffTimeout how long the dispatcher waits for Temporal to accept one workflow start
 *     before it leaves the settlement to its next sweep
 * @param sweepInterval how often the dispatcher sweeps the inbox for settlements whose workflow was
 *     not started (a crash, Temporal down) and asks Temporal about unfinished ones it has not heard
 *     of for this long; its first sweep, at start-up, is the re-drive the embedded Temporal needs
 *     (it forgets its workflows on exit)
 */
@Validated
@ConfigurationProperties("paycallback.settlement")
public record SettlementProperties(
    @Min(1) @DefaultValue("10") int maximumAttempts,
    @NotNull @DefaultValue("1s") Duration initialInterval,
    @NotNull @DefaultValue("1m") Duration maximumInterval,
    @NotNull @DefaultValue("3s") Duration handOffTimeout,
    @NotNull @DefaultValue("10s") Duration sweepInterval) {}
