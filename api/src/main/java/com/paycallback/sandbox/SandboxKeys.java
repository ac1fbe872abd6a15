package com.paycallback.sandbox;

import com.paycallback.notify.wechatpay.WechatPaySandboxKeys;
import com.paycallback.notify.wechatpay.WechatPaySignatureType;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The simulated gateways' SANDBOX keys, generated at every start and never written anywhere. The
 * channels trust them only while the sandbox is enabled (embedded default), never in {@code prod}.
 */
@Component
@ConditionalOnProperty(name = "paycallback.sandbox.enabled", havingValue = "true")
public class SandboxKeys {

  /** The ids under which the simulated WeChat Pay's public keys are trusted. */
  public static final String WECHATPAY_RSA_KEY_ID = "PUB_KEY_ID_SANDBOX_RSA";

  public static final String WECHATPAY_SM2_KEY_ID = "PUB_KEY_ID_SANDBOX_SM2";

  private final KeyPair alipay;
  private final KeyPair wechatPayRsa;
  private final KeyPair wechatPaySm2;

  SandboxKeys() {
    try {
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(2048);
      this.alipay = rsa.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is unavailable", e);
    }
    this.wechatPayRsa = WechatPaySandboxKeys.generateRsaKeyPair();
    this.wechatPaySm2 = WechatPaySandboxKeys.generateSm2KeyPair();
  }

  /** The key pair the simulated Alipay signs notices with. */
  public KeyPair alipay() {
    return alipay;
  }

  /** The key pair the simulated WeChat Pay signs with, per signature type. */
  public KeyPair wechatPay(WechatPaySignatureType type) {
    return type == WechatPaySignatureType.SM2 ? wechatPaySm2 : wechatPayRsa;
  }

  public static String wechatPayKeyId(WechatPaySignatureType type) {
    return type == WechatPaySignatureType.SM2 ? WECHATPAY_SM2_KEY_ID : WECHATPAY_RSA_KEY_ID;
  }

  /** The simulated WeChat Pay's public keys as the channel's keyring takes them. */
  public Map<String, String> wechatPayPublicKeysPem() {
    return Map.of(
        WECHATPAY_RSA_KEY_ID, WechatPaySandboxKeys.toPem(wechatPayRsa.getPublic()),
        WECHATPAY_SM2_KEY_ID, WechatPaySandboxKeys.toPem(wechatPaySm2.getPublic()));
  }
}
