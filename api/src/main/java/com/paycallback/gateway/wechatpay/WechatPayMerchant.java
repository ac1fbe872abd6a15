package com.paycallback.gateway.wechatpay;

import java.net.URI;
import java.security.PrivateKey;
import java.util.function.Supplier;

/**
 * Who calls WeChat Pay's API v3, and where: the merchant's id, its API private key with the serial
 * number of that key's certificate, and WeChat Pay's API host. Configured in production; the
 * sandbox contributes one of its own (a key generated at start-up, the simulated API on the local
 * port) when none is configured.
 *
 * @param apiBaseUrl read at every call: the simulated API's port is known only once the server
 *     listens
 */
public record WechatPayMerchant(
    String mchId, PrivateKey privateKey, String serialNumber, Supplier<URI> apiBaseUrl) {}
