package com.paycallback.gateway;

import com.paycallback.settlement.PaymentChannel;

/**
 * A gateway's trade API, asked whenever the shop's view may be stale: what the gateway says about
 * the trade of one order, and closing an unpaid one. Every answer is verified like a notice: an
 * unsigned or badly signed answer is refused with {@link GatewayAnswerForged}.
 */
public interface TradeQueries {

  PaymentChannel channel();

  /**
   * Asks the gateway about the trade of {@code orderNo} (its {@code out_trade_no}).
   *
   * @throws GatewayAnswerForged when the answer does not carry the gateway's valid signature
   * @throws GatewayCallFailed when the gateway cannot be reached or answers with an error
   */
  TradeAnswer query(String orderNo);

  /**
   * Closes the unpaid trade of {@code orderNo} at the gateway, where the protocol has a close call
   * (a no-op where it has none). A trade the gateway never saw counts as closed.
   *
   * @throws GatewayAnswerForged when the answer does not carry the gateway's valid signature
   * @throws GatewayCallFailed when the gateway cannot be reached, answers with an error, or says
   *     the trade was paid
   */
  void close(String orderNo);
}
