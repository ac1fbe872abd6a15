package com.paycallback.sandbox;

import com.paycallback.gateway.alipay.AlipayProperties;
import com.paycallback.gateway.generic.GenericProperties;
import com.paycallback.gateway.wechatpay.WechatPayProperties;
import com.paycallback.gateway.wechatpay.WechatPaySignatureType;
import java.security.PrivateKey;
import java.util.Base64;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated gateways' SANDBOX signing material (embedded default only, never in {@code prod}),
 * so that a load generator can sign notices the way the simulated gateways do. The keys are
 * generated at every start and trusted only while the sandbox is on; the ids and secrets are the
 * sandbox values of application.yml.
 */
@RestController
@ConditionalOnProperty(name = "paycallback.sandbox.enabled", havingValue = "true")
class SandboxKeysController {

  private final SandboxKeys keys;
  private final AlipayProperties alipay;
  private final WechatPayProperties wechatPay;
  private final GenericProperties generic;

  SandboxKeysController(
      SandboxKeys keys,
      AlipayProperties alipay,
      WechatPayProperties wechatPay,
      GenericProperties generic) {
    this.keys = keys;
    this.alipay = alipay;
    this.wechatPay = wechatPay;
    this.generic = generic;
  }

  @GetMapping("/sandbox/keys")
  GatewayKeys keys() {
    return new GatewayKeys(
        new Alipay(alipay.appId(), alipay.sellerId(), pkcs8(keys.alipay().getPrivate())),
        new WechatPay(
            wechatPay.mchId(),
            wechatPay.appId(),
            wechatPay.apiV3Key(),
            signingKey(WechatPaySignatureType.RSA),
            signingKey(WechatPaySignatureType.SM2)),
        new Generic(generic.secrets().isEmpty() ? null : generic.secrets().get(0)));
  }

  private SigningKey signingKey(WechatPaySignatureType type) {
    return new SigningKey(
        SandboxKeys.wechatPayKeyId(type), pkcs8(keys.wechatPay(type).getPrivate()));
  }

  private static String pkcs8(PrivateKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  record GatewayKeys(Alipay alipay, WechatPay wechatpay, Generic generic) {}

  /**
   * @param privateKey PKCS#8, Base64
   */
  record Alipay(String appId, String sellerId, String privateKey) {}

  record WechatPay(String mchId, String appId, String apiV3Key, SigningKey rsa, SigningKey sm2) {}

  /**
   * @param privateKey PKCS#8, Base64
   */
  record SigningKey(String keyId, String privateKey) {}

  record Generic(String secret) {}
}
