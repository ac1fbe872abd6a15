package com.paycallback.observability;

import com.paycallback.settlement.SettlementRequest;
import org.slf4j.MDC;

/**
 * The MDC keys that tie a log line to a settlement. Ids only: never an amount, a payer, a secret or
 * a payload.
 */
public final class LogContext {

  public static final String CHANNEL = "channel";
  public static final String TRANSACTION_ID = "transactionId";
  public static final String ORDER_NO = "orderNo";

  private LogContext() {}

  public static void put(String channel, String transactionId, String orderNo) {
    putIfPresent(CHANNEL, channel);
    putIfPresent(TRANSACTION_ID, transactionId);
    putIfPresent(ORDER_NO, orderNo);
  }

  static void put(SettlementRequest request) {
    if (request != null) {
      put(request.channel(), request.transactionId(), request.orderNo());
    }
  }

  public static void clear() {
    MDC.remove(CHANNEL);
    MDC.remove(TRANSACTION_ID);
    MDC.remove(ORDER_NO);
  }

  private static void putIfPresent(String key, String value) {
    if (value != null) {
      MDC.put(key, value);
    }
  }
}
