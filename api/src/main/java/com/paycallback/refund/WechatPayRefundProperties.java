package com.paycallback.refund;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the WeChat Pay refund client needs, next to the notice settings under the same prefix.
 *
 * @param mchId our merchant id
 * @param merchantPrivateKey the merchant API private key (PKCS#8, PEM or base64) that signs API v3
 *     requests; refunds through WeChat Pay are only possible when it is set
 * @param merchantSerialNumber the serial number of the merchant API certificate of that key
 * @param apiBaseUrl WeChat Pay's API v3 host
 */
@ConfigurationProperties("paycallback.channels.wechatpay")
record WechatPayRefundProperties(
    String mchId,
    String merchantPrivateKey,
    String merchantSerialNumber,
    @DefaultValue("https://api.mch.weixin.qq.com") URI apiBaseUrl) {}
