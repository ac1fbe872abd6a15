package com.paycallback.gateway.wechatpay;

import java.util.Optional;

/** The {@code resource.algorithm} values of a WeChat Pay API v3 notice. */
public enum WechatPayCipherAlgorithm {
  AEAD_AES_256_GCM,
  AEAD_SM4_GCM;

  static Optional<WechatPayCipherAlgorithm> fromName(String name) {
    for (WechatPayCipherAlgorithm algorithm : values()) {
      if (algorithm.name().equals(name)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }
}
