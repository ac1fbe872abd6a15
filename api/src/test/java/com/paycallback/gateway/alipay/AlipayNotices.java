package com.paycallback.gateway.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Alipay notices for tests, signed by the official alipay-sdk-java (an independent signer) with
 * keys generated at test time.
 */
public final class AlipayNotices {

  private AlipayNotices() {}

  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(2048);
      return rsa.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Alipay's amount format: yuan with two decimals. */
  public static String yuan(long fen) {
    return BigDecimal.valueOf(fen, 2).toPlainString();
  }

  public static String base64(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** An unsigned TRADE_SUCCESS notice. */
  public static Map<String, String> paid(
      String appId, String sellerId, String tradeNo, String orderNo, String totalAmount) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("notify_time", "2026-11-25 10:00:00");
    params.put("notify_type", "trade_status_sync");
    params.put("notify_id", "ac05099524730693a8b330c5ecf72da9786");
    params.put("charset", "utf-8");
    params.put("version", "1.0");
    params.put("sign_type", "RSA2");
    params.put("app_id", appId);
    params.put("seller_id", sellerId);
    params.put("trade_no", tradeNo);
    params.put("out_trade_no", orderNo);
    params.put("trade_status", "TRADE_SUCCESS");
    params.put("total_amount", totalAmount);
    params.put("buyer_id", "2088102122524333");
    params.put("subject", "Longjing tea");
    params.put("gmt_payment", "2026-11-25 09:59:58");
    return params;
  }

  /** The notice with its {@code sign}, computed by the Alipay SDK in the notice's charset. */
  public static Map<String, String> signed(Map<String, String> params, KeyPair key) {
    Map<String, String> signed = new LinkedHashMap<>(params);
    signed.remove("sign");
    try {
      signed.put(
          "sign",
          AlipaySignature.rsaSign(
              AlipaySignature.getSignCheckContentV1(signed),
              Base64.getEncoder().encodeToString(key.getPrivate().getEncoded()),
              params.getOrDefault("charset", "utf-8"),
              "RSA2"));
    } catch (AlipayApiException e) {
      throw new IllegalStateException(e);
    }
    return signed;
  }

  /** What the SDK itself says of the notice (it mutates the map it is given, so it gets a copy). */
  public static boolean sdkAccepts(Map<String, String> params, PublicKey key) {
    try {
      return AlipaySignature.rsaCheckV1(
          new LinkedHashMap<>(params),
          base64(key),
          params.getOrDefault("charset", "utf-8"),
          "RSA2");
    } catch (AlipayApiException e) {
      return false;
    }
  }

  /** The form body Alipay posts, percent-encoded in the notice's charset. */
  public static String form(Map<String, String> params) {
    Charset charset = Charset.forName(params.getOrDefault("charset", "utf-8"));
    return params.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), charset)
                    + "="
                    + URLEncoder.encode(e.getValue(), charset))
        .collect(Collectors.joining("&"));
  }
}
