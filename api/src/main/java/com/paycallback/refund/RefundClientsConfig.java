package com.paycallback.refund;

import com.paycallback.notify.alipay.AlipaySignatureVerifier;
import com.paycallback.notify.wechatpay.WechatPayNoticeAuthenticator;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The real channels' refund clients, each a bean only when its merchant credentials are configured.
 * In the embedded default the simulated gateway ({@code SandboxRefundGateway}) comes first and
 * takes every refund; a channel without a client parks its refunds for an operator.
 */
@Configuration(proxyBeanMethods = false)
class RefundClientsConfig {

  private static HttpClient http() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Bean
  @ConditionalOnConfigured("paycallback.channels.alipay.merchant-private-key")
  AlipayRefundClient alipayRefundClient(
      AlipayRefundProperties properties, AlipaySignatureVerifier alipayAnswers) {
    return new AlipayRefundClient(properties, alipayAnswers, http(), Clock.systemUTC());
  }

  @Bean
  @ConditionalOnConfigured("paycallback.channels.wechatpay.merchant-private-key")
  WechatPayRefundClient wechatPayRefundClient(
      WechatPayRefundProperties properties, WechatPayNoticeAuthenticator wechatPayAnswers) {
    return new WechatPayRefundClient(properties, wechatPayAnswers, http(), Clock.systemUTC());
  }

  @Bean
  @ConditionalOnConfigured("paycallback.channels.generic.refund-url")
  GenericRefundClient genericRefundClient(GenericRefundProperties properties) {
    return new GenericRefundClient(properties, http(), Clock.systemUTC());
  }
}
