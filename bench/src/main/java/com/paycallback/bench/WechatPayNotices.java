package com.paycallback.bench;

import com.paycallback.gateway.wechatpay.WechatPayAead;
import com.paycallback.gateway.wechatpay.WechatPayKeyring;
import com.paycallback.gateway.wechatpay.WechatPaySignatureVerifier;
import com.paycallback.sandbox.SignedWechatPayNotice;
import com.paycallback.sandbox.WechatPayNoticeSigner;
import com.paycallback.sandbox.WechatPaySandboxKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * A genuine WeChat Pay API v3 payment notice and the service's verifier for it: the platform key
 * pair (RSA or SM2) and the APIv3 key are made up at setup, the notice is signed and encrypted by
 * the sandbox's simulated gateway.
 */
final class WechatPayNotices {

  static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0112345678202611250000000001";

  private static final String TRANSACTION =
      """
      {"appid":"wxd678efh567hg6787","mchid":"1230000109",\
      "out_trade_no":"PO20261125000001","transaction_id":"4200001234202611251234567890",\
      "trade_type":"JSAPI","trade_state":"SUCCESS","trade_state_desc":"支付成功","bank_type":"CMC",\
      "attach":"","success_time":"2026-11-25T15:59:30+08:00",\
      "payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},\
      "amount":{"total":12900,"payer_total":12900,"currency":"CNY","payer_currency":"CNY"}}""";

  final KeyPair platform;
  final byte[] apiV3Key;
  final SignedWechatPayNotice notice;
  final WechatPaySignatureVerifier verifier;

  /**
   * @param platform the platform key pair the notice is signed with
   */
  WechatPayNotices(KeyPair platform) {
    this.platform = platform;
    this.apiV3Key = randomApiV3Key();
    // The clock stands still at signing time, so the timestamp stays fresh however long a run is.
    Clock signedAt = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    this.notice =
        new WechatPayNoticeSigner(platform.getPrivate(), PUBLIC_KEY_ID, apiV3Key, signedAt)
            .sign(TRANSACTION);
    this.verifier =
        new WechatPaySignatureVerifier(
            new WechatPayKeyring(
                Map.of(PUBLIC_KEY_ID, WechatPaySandboxKeys.toPem(platform.getPublic())), List.of()),
            signedAt);
  }

  /** {@code timestamp\nnonce\nbody\n}: the message the platform key signed. */
  byte[] signedMessage() {
    return WechatPaySignatureVerifier.message(
        notice.headers().timestamp(), notice.headers().nonce(), notice.body());
  }

  private static byte[] randomApiV3Key() {
    SecureRandom random = new SecureRandom();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder key = new StringBuilder(WechatPayAead.API_V3_KEY_LENGTH);
    for (int i = 0; i < WechatPayAead.API_V3_KEY_LENGTH; i++) {
      key.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return key.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
