package com.paycallback.gateway.generic;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The generic HMAC channel, for in-house gateways and aggregators.
 *
 * @param secrets shared secrets; a signature by any of them is accepted (rotation), and the first
 *     one signs refund requests
 * @param tolerance how far the signature's {@code t=} may be from our clock, either way
 * @param allowedIps CIDRs the gateway calls from; empty = no IP check
 * @param refundUrl where refunds are POSTed; refunds through the generic channel are only possible
 *     when it is set
 * @param queryUrl where trade queries are POSTed ({@code {"orderNo"}}, signed like refunds; the
 *     answer must be signed too); the reconciler can ask the generic gateway only when it is set
 * @param closeUrl where an unpaid trade is closed when its order expires; unset = the gateway has
 *     no close call
 */
@Validated
@ConfigurationProperties("paycallback.channels.generic")
public record GenericProperties(
    @DefaultValue List<String> secrets,
    @NotNull @DefaultValue("5m") Duration tolerance,
    @DefaultValue List<String> allowedIps,
    URI refundUrl,
    URI queryUrl,
    URI closeUrl) {}
