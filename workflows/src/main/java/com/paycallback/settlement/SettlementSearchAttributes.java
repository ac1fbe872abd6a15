package com.paycallback.settlement;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

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

  /** Every key above: what a Temporal namespace must have registered before a settlement starts. */
  public static final List<SearchAttributeKey<?>> ALL =
      List.of(ORDER_NO, PAYMENT_CHANNEL, SETTLEMENT_STATUS, PAID_AMOUNT);

  private SettlementSearchAttributes() {}
}
