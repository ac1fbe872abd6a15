package com.paycallback.refund;

/**
 * The gateway's acceptance of a refund.
 *
 * @param gatewayRefundId the gateway's id for the refund (may equal our key where it has none)
 * @param status the gateway's word for it: {@code SUCCESS}, or {@code PROCESSING} where the gateway
 *     completes refunds asynchronously (WeChat Pay)
 */
public record RefundReceipt(String gatewayRefundId, String status) {}
