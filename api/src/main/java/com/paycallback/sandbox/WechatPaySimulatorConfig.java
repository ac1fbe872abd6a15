package com.paycallback.sandbox;

import com.paycallback.gateway.wechatpay.WechatPayMerchant;
import com.paycallback.gateway.wechatpay.WechatPayProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sandbox merchant of WeChat Pay (embedded default only): unless a merchant key is configured,
 * the real WeChat Pay clients (refund, refund query, trade query, close) call the simulated API on
 * this service's own port with a merchant key generated at start-up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "paycallback.sandbox.enabled", havingValue = "true")
class WechatPaySimulatorConfig {

  @Bean
  WechatPayMerchant sandboxWechatPayMerchant(
      SandboxKeys keys, WechatPayProperties wechatPay, SandboxGateways gateways) {
    return new WechatPayMerchant(
        wechatPay.mchId(),
        keys.wechatPayMerchant().getPrivate(),
        SandboxKeys.WECHATPAY_MERCHANT_SERIAL,
        () -> gateways.webhook(WechatPaySimulator.BASE_PATH));
  }
}
