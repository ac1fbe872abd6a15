package com.paycallback.crypto;

/** Signs with one private key in one algorithm, as wechatpay-java's {@code Signer} does. */
public interface Signer {

  byte[] sign(byte[] message);
}
