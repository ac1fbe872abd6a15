package com.paycallback.settlement;

import java.util.Set;

/**
 * What the gateway says about a refund the saga asked for, delivered to the settlement as a signal
 * when the gateway notifies it (WeChat Pay's {@code REFUND.*} notices).
 *
 * @param refundKey our idempotency key for the refund (WeChat Pay's {@code out_refund_no})
 * @param status the gateway's word: {@link #SUCCESS}, {@link #ABNORMAL} or {@link #CLOSED}; a
 *     notice never says PROCESSING
 * @param gatewayRefundId the gateway's id for the refund, null when it sent none
 */
public record RefundOutcome(String refundKey, String status, String gatewayRefundId) {
  /** The money is back with the payer. */
  public static final String SUCCESS = "SUCCESS";

  /** Accepted, completing asynchronously: the settlement waits for a notice or asks. */
  public static final String PROCESSING = "PROCESSING";

  /** The gateway could not pay it out (the payer's account is gone, say): an operator decides. */
  public static final String ABNORMAL = "ABNORMAL";

  /** The gateway gave the refund up: an operator decides. */
  public static final String CLOSED = "CLOSED";

  /** A refund an operator recorded as made by hand, outside the gateway's refund API. */
  public static final String BY_HAND = "BY_HAND";

  private static final Set<String> FINAL = Set.of(SUCCESS, ABNORMAL, CLOSED);

  /** Whether {@code status} ends the gateway's processing of a refund. */
  public static boolean isFinal(String status) {
    return FINAL.contains(status);
  }

  /** Whether {@code status} is a refund the gateway will not complete: an operator decides. */
  public static boolean failed(String status) {
    return ABNORMAL.equals(status) || CLOSED.equals(status);
  }
}
