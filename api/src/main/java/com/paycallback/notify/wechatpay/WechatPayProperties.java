package com.paycallback.notify.wechatpay;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * WeChat Pay API v3's settings.
 *
 * @param mchId our merchant id; a notice for another merchant is refused
 * @param appId our app id; a notice for another app is refused
 * @param apiV3Key the 32-character APIv3 key that encrypts notice resources
 * @param publicKeys WeChat Pay public keys by id ({@code PUB_KEY_ID_...} → PEM)
 * @param platformCertificates platform certificates (PEM); the serial is read from each
 * @param maxClockSkew how far {@code Wechatpay-Timestamp} may be from our clock, either way
 * @param allowedIps CIDRs WeChat Pay calls from; empty = no IP check
 */
@Validated
@ConfigurationProperties("paycallback.channels.wechatpay")
public record WechatPayProperties(
    String mchId,
    String appId,
    String apiV3Key,
    @DefaultValue Map<String, String> publicKeys,
    @DefaultValue List<String> platformCertificates,
    @NotNull @DefaultValue("5m") Duration maxClockSkew,
    @DefaultValue List<String> allowedIps) {}
