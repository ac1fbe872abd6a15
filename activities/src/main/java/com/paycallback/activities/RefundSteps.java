package com.paycallback.activities;

import com.paycallback.ledger.StepLedger;
import com.paycallback.refund.RefundFailed;
import com.paycallback.refund.RefundGateway;
import com.paycallback.refund.RefundReceipt;
import com.paycallback.refund.RefundRequest;
import com.paycallback.settlement.CompensationStep;
import com.paycallback.settlement.SettlementRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code refunds}: the full paid amount back to the payer through the channel's refund client. It
 * has no inverse: money that went back stays back.
 */
class RefundSteps {

  private final JdbcClient jdbc;
  private final StepLedger ledger;
  private final List<RefundGateway> refundGateways;

  RefundSteps(JdbcClient jdbc, StepLedger ledger, List<RefundGateway> refundGateways) {
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.refundGateways = List.copyOf(refundGateways);
  }

  String refund(SettlementRequest request, String reason) {
    String step = CompensationStep.REFUND.ledgerName();
    Optional<String> done = ledger.recorded(request.transactionId(), step);
    if (done.isPresent()) {
      return done.get();
    }
    RefundRequest refund =
        new RefundRequest(
            request.channel(),
            request.transactionId(),
            request.orderNo(),
            RefundRequest.keyOf(request.transactionId()),
            request.paidAmount(),
            request.paidAmount(),
            request.currency(),
            reason);
    RefundGateway gateway =
        refundGateways.stream()
            .filter(g -> g.handles(request.channel()))
            .findFirst()
            .orElseThrow(
                () -> new RefundFailed("no refund client for channel " + request.channel()));
    // Outside the ledger transaction: no database transaction waits on a gateway. The gateway is
    // idempotent on the key, so an attempt that refunded but failed to record is harmless.
    RefundReceipt receipt = gateway.refund(refund);
    return ledger.once(
        request.transactionId(),
        step,
        () -> {
          recordRefund(refund, receipt);
          return receipt.status();
        });
  }

  private void recordRefund(RefundRequest refund, RefundReceipt receipt) {
    try {
      jdbc.sql(
              """
              INSERT INTO refunds (refund_key, transaction_id, channel, order_no, amount, currency,
                                   status, gateway_refund_id, reason)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
              """)
          .params(
              refund.refundKey(),
              refund.transactionId(),
              refund.channel(),
              refund.orderNo(),
              refund.amount(),
              refund.currency(),
              receipt.status(),
              receipt.gatewayRefundId(),
              truncate(refund.reason()))
          .update();
    } catch (DuplicateKeyException recordedBefore) {
      // Recorded by an earlier attempt whose ledger row did not commit: the row stands.
    }
  }

  private static String truncate(String reason) {
    return reason == null || reason.length() <= 300 ? reason : reason.substring(0, 300);
  }
}
