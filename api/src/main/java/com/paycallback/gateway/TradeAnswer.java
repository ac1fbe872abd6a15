package com.paycallback.gateway;

import com.paycallback.notice.PaymentNotice;
import java.util.Objects;

/**
 * What a gateway said about an order's trade, its signature verified.
 *
 * @param state the trade's state in the shop's terms
 * @param payment the payment, read like a notice's; present exactly when the state is {@link
 *     TradeState#PAID}
 * @param gatewayState the gateway's own word for the state, as sent (for the audit and operators)
 */
public record TradeAnswer(TradeState state, PaymentNotice payment, String gatewayState) {

  public TradeAnswer {
    Objects.requireNonNull(state, "state");
    if ((state == TradeState.PAID) != (payment != null)) {
      throw new IllegalArgumentException("a payment comes with, and only with, a PAID answer");
    }
  }

  public static TradeAnswer paid(PaymentNotice payment, String gatewayState) {
    return new TradeAnswer(TradeState.PAID, payment, gatewayState);
  }

  public static TradeAnswer unpaid(TradeState state, String gatewayState) {
    return new TradeAnswer(state, null, gatewayState);
  }
}
