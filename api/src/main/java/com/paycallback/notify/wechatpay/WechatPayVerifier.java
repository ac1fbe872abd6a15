package com.paycallback.notify.wechatpay;

import java.security.PublicKey;

/** Checks a WeChat Pay signature for one signature type (one algorithm). */
interface WechatPayVerifier {

  WechatPaySignatureType type();

  /** Whether the key is of the kind this algorithm verifies with. */
  boolean accepts(PublicKey key);

  /**
   * Whether the signature is the key's signature of the message. Never throws for a wrong or
   * garbled signature: that is simply {@code false}.
   */
  boolean verify(PublicKey key, byte[] message, byte[] signature);
}
