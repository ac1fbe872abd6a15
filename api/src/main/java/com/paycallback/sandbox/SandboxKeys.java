package com.paycallback.sandbox;

import com.paycallback.gateway.TrustedKeys;
import com.paycallback.gateway.wechatpay.WechatPaySignatureType;
import java.security.KeyPair;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The simulated gateways' SANDBOX keys, generated at every start and never written anywhere. The
 * channels trust them only while the sandbox is enabled (embedded default), never in {@code prod}:
 * this bean is their only source of trusted keys beside the configuration.
 */
@Component
@ConditionalOnProperty(name = "paycallback.sandbox.enabled", havingValue = "true")
public class SandboxKeys implements TrustedKeys {

  /** The ids under which the simulated WeChat Pay's public keys are trusted. */
  public static final String WECHATPAY_RSA_KEY_ID = "PUB_KEY_ID_SANDBOX_RSA";

  public static final String WECHATPAY_SM2_KEY_ID = "PUB_KEY_ID_SANDBOX_SM2";

  /** The serial number of the sandbox merchant's (imaginary) API certificate. */
  public static final String WECHATPAY_MERCHANT_SERIAL = "5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A";

  private static final String ALIPAY_KEY_ID = "SANDBOX_ALIPAY";

  private final KeyPair alipay;
  private final KeyPair alipayMerchant;
  private final KeyPair wechatPayRsa;
  private final KeyPair wechatPaySm2;
  private final KeyPair wechatPayMerchant;

  SandboxKeys() {
    this.alipay = WechatPaySandboxKeys.generateRsaKeyPair();
    this.alipayMerchant = WechatPaySandboxKeys.generateRsaKeyPair();
    this.wechatPayRsa = WechatPaySandboxKeys.generateRsaKeyPair();
    this.wechatPaySm2 = WechatPaySandboxKeys.generateSm2KeyPair();
    this.wechatPayMerchant = WechatPaySandboxKeys.generateRsaKeyPair();
  }

  /** The key pair the simulated Alipay signs notices with. */
  public KeyPair alipay() {
    return alipay;
  }

  /**
   * The merchant key pair our calls to the simulated Alipay's OpenAPI are signed with: the
   * simulated Alipay holds its public half, as the real one holds the merchant's uploaded key.
   */
  public KeyPair alipayMerchant() {
    return alipayMerchant;
  }

  /** The key pair the simulated WeChat Pay signs with, per signature type. */
  public KeyPair wechatPay(WechatPaySignatureType type) {
    return type == WechatPaySignatureType.SM2 ? wechatPaySm2 : wechatPayRsa;
  }

  /**
   * The sandbox merchant's API key pair: the service signs its calls to the simulated WeChat Pay
   * API with the private key, the simulator checks them with the public one.
   */
  public KeyPair wechatPayMerchant() {
    return wechatPayMerchant;
  }

  public static String wechatPayKeyId(WechatPaySignatureType type) {
    return type == WechatPaySignatureType.SM2 ? WECHATPAY_SM2_KEY_ID : WECHATPAY_RSA_KEY_ID;
  }

  /** The simulated gateways' public keys, as the channels take configured ones. */
  @Override
  public Map<String, String> publicKeysPem(String channel) {
    return switch (channel) {
      case "alipay" -> Map.of(ALIPAY_KEY_ID, WechatPaySandboxKeys.toPem(alipay.getPublic()));
      case "wechatpay" ->
          Map.of(
              WECHATPAY_RSA_KEY_ID, WechatPaySandboxKeys.toPem(wechatPayRsa.getPublic()),
              WECHATPAY_SM2_KEY_ID, WechatPaySandboxKeys.toPem(wechatPaySm2.getPublic()));
      default -> Map.of();
    };
  }
}
