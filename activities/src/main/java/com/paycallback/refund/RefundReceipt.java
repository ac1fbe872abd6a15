package com.paycallback.refund;

/**
 * The gateway's acceptance of a refund.
 *
 * @param gatewayRefundId the gateway's id for the refund (may equal our key where it has none)
 * @param status the gateway's word for it, one of {@link #SUCCESS} (the money is back with the
 *     payer), {@link #PROCESSING} (accepted, completing asynchronously), {@link #ABNORMAL} (the
 *     gateway could not pay it out: the payer's account is gone, say) or {@link #CLOSED} (the
 *     gateway gave the refund up)
 */
public record RefundReceipt(String gatewayRefundId, String status) {
  public static final String SUCCESS = "SUCCESS";
  public static final String PROCESSING = "PROCESSING";
  public static final String ABNORMAL = "ABNORMAL";
  public static final String CLOSED = "CLOSED";
}
