package com.paycallback.settlement;

import java.time.Instant;

/**
 * What a verified notice tells the saga: who paid which order, how much, and when.
 *
 * @param channel the {@link PaymentChannel#id()} of the gateway that notified us
 * @param transactionId the gateway's transaction id; also the workflow id
 * @param orderNo the shop's order number
 * @param paidAmount the paid amount in minor units (fen)
 * @param currency ISO 4217 code
 * @param paidAt when the gateway says the buyer paid
 * @param payerRef a one-way digest of the payer's id at the gateway, never the id itself
 */
public record SettlementRequest(
    String channel,
    String transactionId,
    String orderNo,
    long paidAmount,
    String currency,
    Instant paidAt,
    String payerRef) {}
