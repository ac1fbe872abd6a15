package com.paycallback.gateway.wechatpay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The signature headers of a WeChat Pay API v3 notice, as received (any may be null).
 *
 * @param signatureType {@code Wechatpay-Signature-Type}; absent means {@code
 *     WECHATPAY2-SHA256-RSA2048}
 */
public record WechatPayHeaders(
    String timestamp, String nonce, String signature, String serial, String signatureType) {

  public static final String TIMESTAMP = "Wechatpay-Timestamp";
  public static final String NONCE = "Wechatpay-Nonce";
  public static final String SIGNATURE = "Wechatpay-Signature";
  public static final String SERIAL = "Wechatpay-Serial";
  public static final String SIGNATURE_TYPE = "Wechatpay-Signature-Type";

  /** Reads the headers through a lookup such as {@code HttpServletRequest::getHeader}. */
  public static WechatPayHeaders from(Function<String, String> header) {
    return new WechatPayHeaders(
        header.apply(TIMESTAMP),
        header.apply(NONCE),
        header.apply(SIGNATURE),
        header.apply(SERIAL),
        header.apply(SIGNATURE_TYPE));
  }

  /** The headers by name, the absent ones left out, in the order WeChat Pay sends them. */
  public Map<String, String> asMap() {
    Map<String, String> headers = new LinkedHashMap<>();
    putIfPresent(headers, SERIAL, serial);
    putIfPresent(headers, SIGNATURE, signature);
    putIfPresent(headers, TIMESTAMP, timestamp);
    putIfPresent(headers, NONCE, nonce);
    putIfPresent(headers, SIGNATURE_TYPE, signatureType);
    return headers;
  }

  private static void putIfPresent(Map<String, String> headers, String name, String value) {
    if (value != null) {
      headers.put(name, value);
    }
  }
}
