package com.paycallback.retention;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the audit trail and the ledger are kept: {@code paycallback.retention.*}. The defaults
 * keep what a dispute needs: a gateway's or a buyer's claim about a payment is raised within months
 * (card and wallet chargeback windows are up to 180 days), the ledger of a settlement a little over
 * a year for the yearly books.
 *
 * @param enabled whether the job runs at all; expired nonces are forgotten either way
 * @param notices accepted, duplicate and ignored notices' audit rows are deleted this long after
 *     they were received
 * @param rejectedPayloads rejected and failed notices keep their encrypted payload this long; the
 *     row (source, reason, time) stays
 * @param rejectedNotices rejected and failed notices' audit rows are deleted this long after they
 *     were received
 * @param settlements a settlement that finished (SETTLED, COMPENSATED) this long ago is deleted
 *     with its ledger rows and operator decisions; an unfinished one never is
 * @param batchSize rows deleted per statement (per transaction); a run repeats until a batch comes
 *     back short
 * @param interval pause between two runs of one instance
 */
@Validated
@ConfigurationProperties("paycallback.retention")
public record RetentionProperties(
    @DefaultValue("true") boolean enabled,
    @NotNull @DefaultValue("180d") Duration notices,
    @NotNull @DefaultValue("30d") Duration rejectedPayloads,
    @NotNull @DefaultValue("180d") Duration rejectedNotices,
    @NotNull @DefaultValue("400d") Duration settlements,
    @Min(1) @Max(100_000) @DefaultValue("1000") int batchSize,
    @NotNull @DefaultValue("1h") Duration interval) {}
