package com.paycallback.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What the load generator signs notices with, in the shape of the embedded default's {@code GET
 * /sandbox/keys}: fetched from there, or read from a file of the same shape for a service
 * configured with keys of the team's own (private keys PKCS#8, Base64).
 */
record GatewayKeys(
    String alipayAppId,
    String alipaySellerId,
    String alipayPrivateKey,
    String wechatPayMchId,
    String wechatPayAppId,
    String wechatPayApiV3Key,
    String wechatPayRsaKeyId,
    String wechatPayRsaPrivateKey,
    String wechatPaySm2KeyId,
    String wechatPaySm2PrivateKey,
    String genericSecret) {

  static GatewayKeys fetch(ServiceClient client) throws IOException, InterruptedException {
    JsonNode keys = client.sandboxKeys();
    if (keys == null) {
      throw new IllegalStateException(
          "GET /sandbox/keys answered 404: the sandbox is off; give --keys FILE instead");
    }
    return of(keys);
  }

  static GatewayKeys read(Path file) throws IOException {
    return of(ServiceClient.JSON.readTree(file.toFile()));
  }

  private static GatewayKeys of(JsonNode keys) {
    JsonNode alipay = keys.path("alipay");
    JsonNode wechatPay = keys.path("wechatpay");
    return new GatewayKeys(
        alipay.path("appId").asText(null),
        alipay.path("sellerId").asText(null),
        alipay.path("privateKey").asText(null),
        wechatPay.path("mchId").asText(null),
        wechatPay.path("appId").asText(null),
        wechatPay.path("apiV3Key").asText(null),
        wechatPay.path("rsa").path("keyId").asText(null),
        wechatPay.path("rsa").path("privateKey").asText(null),
        wechatPay.path("sm2").path("keyId").asText(null),
        wechatPay.path("sm2").path("privateKey").asText(null),
        keys.path("generic").path("secret").asText(null));
  }
}
