package com.paycallback.gateway.wechatpay;

import java.time.Instant;

/**
 * What a genuine signature proved: this key signed this body at this time with this nonce. The
 * caller rejects a nonce it has already seen inside the clock-skew window.
 *
 * @param serial the key that signed
 * @param signatureType the algorithm it signed with
 * @param timestamp {@code Wechatpay-Timestamp}, inside the allowed clock skew
 * @param nonce {@code Wechatpay-Nonce}
 */
public record WechatPaySignedRequest(
    String serial, WechatPaySignatureType signatureType, Instant timestamp, String nonce) {}
