package com.paycallback.notice;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the transport stage of every webhook enforces.
 *
 * @param trustedProxies CIDRs of our own reverse proxies; only their X-Forwarded-For is believed
 * @param maxBodyBytes notices larger than this are refused before any parsing or crypto
 * @param noticeReadTimeout a notice's body must have arrived whole within this long, and no single
 *     read of the server waits longer: well inside the gateways' answer limit (WeChat Pay: 5 s), so
 *     a client trickling its body cannot hold a request thread
 */
@Validated
@ConfigurationProperties("paycallback")
public record NoticeTransportProperties(
    @DefaultValue List<String> trustedProxies,
    @Min(1024) @DefaultValue("65536") int maxBodyBytes,
    @NotNull @DefaultValue("2s") Duration noticeReadTimeout) {}
