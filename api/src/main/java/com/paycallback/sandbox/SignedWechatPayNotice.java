package com.paycallback.sandbox;

import com.paycallback.gateway.wechatpay.WechatPayHeaders;

/**
 * A notice as WeChat Pay would deliver it: the JSON body to POST and its signature headers.
 *
 * @param body the exact bytes that were signed
 */
public record SignedWechatPayNotice(byte[] body, WechatPayHeaders headers) {}
