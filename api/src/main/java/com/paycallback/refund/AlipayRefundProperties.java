package com.paycallback.refund;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the Alipay refund client needs, next to the notice settings under the same prefix.
 *
 * @param appId our app id at Alipay
 * @param merchantPrivateKey our application private key (PKCS#8, PEM or base64) that signs OpenAPI
 *     requests (RSA2); refunds through Alipay are only possible when it is set
 * @param gatewayUrl Alipay's OpenAPI gateway
 */
@ConfigurationProperties("paycallback.channels.alipay")
record AlipayRefundProperties(
    String appId,
    String merchantPrivateKey,
    @DefaultValue("https://openapi.alipay.com/gateway.do") URI gatewayUrl) {}
