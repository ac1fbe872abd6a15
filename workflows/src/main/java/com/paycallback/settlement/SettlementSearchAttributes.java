package com.paycallback.settlement;

import io.temporal.common.SearchAttributeKey;

/** The custom search attributes operators use in Temporal UI; registered by the deployment. */
public final class SettlementSearchAttributes {
  public static final SearchAttributeKey<String> ORDER_NO =
      SearchAttributeKey.forKeyword("OrderNo");
  public static final SearchAttributeKey<String> PAYMENT_CHANNEL =
      SearchAttributeKey.forKeyword("PaymentChannel");
  public static final SearchAttributeKey<String> SETTLEMENT_STATUS =
      SearchAttributeKey.forKeyword("SettlementStatus");
  public static final SearchAttributeKey<Long> PAID_AMOUNT =
      SearchAttributeKey.forLong("PaidAmount");

  private SettlementSearchAttributes() {}
}
