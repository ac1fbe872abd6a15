package com.paycallback.gateway.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.ReasonCode;
import com.paycallback.sandbox.WechatPaySandboxKeys;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Keys are generated per test run; nothing secret is committed. */
final class WechatPayTestData {

  static final Instant NOW = Instant.parse("2025-06-01T08:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  // RSA key generation is the slow part of these tests: one pair per role for the whole run.
  static final KeyPair RSA_PUBLIC_KEY_MODE = WechatPaySandboxKeys.generateRsaKeyPair();
  static final KeyPair RSA_CERTIFICATE_MODE = WechatPaySandboxKeys.generateRsaKeyPair();
  static final KeyPair RSA_STRANGER = WechatPaySandboxKeys.generateRsaKeyPair();

  private WechatPayTestData() {}

  static String transactionJson(String tradeState) {
    return """
        {"appid":"wxd678efh567hg6787","mchid":"1230000109",\
        "out_trade_no":"20250601000042","transaction_id":"4200001234202506011234567890",\
        "trade_type":"JSAPI","trade_state":"%s","trade_state_desc":"支付成功","bank_type":"CMC",\
        "attach":"","success_time":"2025-06-01T15:59:30+08:00",\
        "payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},\
        "amount":{"total":12900,"payer_total":12800,"currency":"CNY","payer_currency":"CNY"}}"""
        .formatted(tradeState);
  }

  static Clock clockAt(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  static ReasonCode rejection(ThrowingCallable call) {
    NoticeRejected rejected = catchThrowableOfType(NoticeRejected.class, call);
    assertThat(rejected).as("expected a NoticeRejected").isNotNull();
    return rejected.reason();
  }
}
