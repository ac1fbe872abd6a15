package com.paycallback.worker;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How settlement steps are retried before a step counts as failed.
 *
 * @param maximumAttempts attempts per step (transient errors) before the step fails
 * @param initialInterval the first backoff; it doubles each attempt
 * @param maximumInterval the backoff ceiling
 * @param handOffTimeout how long a webhook waits for Temporal to accept a settlement before it
 *     answers 503 (the gateway retries); well inside WeChat Pay's 5 s answer limit
 * @param redriveOnStartup restart every unfinished settlement at start-up; required with the
 *     embedded Temporal, which forgets its workflows on exit, and harmless with a real cluster
 */
@Validated
@ConfigurationProperties("paycallback.settlement")
public record SettlementProperties(
    @Min(1) @DefaultValue("10") int maximumAttempts,
    @NotNull @DefaultValue("1s") Duration initialInterval,
    @NotNull @DefaultValue("1m") Duration maximumInterval,
    @NotNull @DefaultValue("3s") Duration handOffTimeout,
    @DefaultValue("true") boolean redriveOnStartup) {}
