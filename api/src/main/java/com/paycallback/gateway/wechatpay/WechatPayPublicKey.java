package com.paycallback.gateway.wechatpay;

import java.security.PublicKey;

/**
 * A WeChat Pay platform key the shop trusts.
 *
 * @param serial the {@code Wechatpay-Serial} that names it: a public key id ({@code
 *     PUB_KEY_ID_...}) or a platform certificate's serial in upper-case hex
 * @param type the only signature type this key verifies
 * @param key the key itself
 */
public record WechatPayPublicKey(String serial, WechatPaySignatureType type, PublicKey key) {}
