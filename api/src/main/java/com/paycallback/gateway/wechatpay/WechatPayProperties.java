package com.paycallback.gateway.wechatpay;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * WeChat Pay API v3's settings: its notices and our calls to its API.
 *
 * @param mchId our merchant id; a notice for another merchant is refused
 * @param appId our app id; a notice for another app is refused
 * @param apiV3Key the 32-character APIv3 key that encrypts notice resources
 * @param publicKeys WeChat Pay public keys by id ({@code PUB_KEY_ID_...} → PEM)
 * @param platformCertificates platform certificates (PEM); the serial is read from each
 * @param maxClockSkew how far {@code Wechatpay-Timestamp} may be from our clock, either way
 * @param allowedIps CIDRs WeChat Pay calls from; empty = no IP check
 * @param merchantPrivateKey the merchant API private key (PKCS#8, PEM or base64) that signs API v3
 *     requests; refunds through WeChat Pay are only possible when it is set
 * @param merchantSerialNumber the serial number of the merchant API certificate of that key
 * @param apiBaseUrl WeChat Pay's API v3 host
 * @param refundNotifyUrl where WeChat Pay sends refund notices ({@code REFUND.SUCCESS}, {@code
 *     .ABNORMAL}, {@code .CLOSED}): the {@code notify_url} of every refund request; https in
 *     production. Unset, WeChat Pay uses the URL set in its merchant platform, if any.
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
    @DefaultValue List<String> allowedIps,
    String merchantPrivateKey,
    String merchantSerialNumber,
    @NotNull @DefaultValue("https://api.mch.weixin.qq.com") URI apiBaseUrl,
    URI refundNotifyUrl) {}
