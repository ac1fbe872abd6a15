package com.paycallback.settlement;

import java.util.Arrays;

/**
 * The gateways a payment arrives through. {@link #id()} is the channel's name everywhere outside
 * Java: {@link SettlementRequest#channel()} on the wire, the {@code PaymentChannel} search
 * attribute, the {@code channel} columns, the webhook path {@code /notify/<id>}.
 */
public enum PaymentChannel {
  ALIPAY("alipay"),
  WECHATPAY("wechatpay"),
  /** Any gateway that signs with HMAC (in-house gateways, aggregators). */
  GENERIC("generic");

  private final String id;

  PaymentChannel(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /**
   * @throws IllegalArgumentException when {@code id} names no channel
   */
  public static PaymentChannel of(String id) {
    return Arrays.stream(values())
        .filter(channel -> channel.id.equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown payment channel " + id));
  }
}
