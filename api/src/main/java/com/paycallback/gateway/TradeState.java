package com.paycallback.gateway;

/** A trade's state as a gateway's query answers it, in the shop's terms. */
public enum TradeState {
  /**
   * The buyer paid (Alipay {@code TRADE_SUCCESS}/{@code TRADE_FINISHED}, WeChat Pay {@code SUCCESS}
   * or {@code REFUND}: money was taken, whatever happened to it since).
   */
  PAID,
  /**
   * Not paid, and the buyer may still pay (Alipay {@code WAIT_BUYER_PAY}, WeChat Pay {@code NOTPAY}
   * / {@code USERPAYING}), or the gateway has no trade for the order at all.
   */
  NOT_PAID,
  /** Closed unpaid (Alipay {@code TRADE_CLOSED} without payment, WeChat Pay {@code CLOSED}). */
  CLOSED
}
