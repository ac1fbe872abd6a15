package com.paycallback.activities;

import com.paycallback.ledger.StepLedger;
import com.paycallback.refund.RefundFailed;
import com.paycallback.refund.RefundGateway;
import com.paycallback.refund.RefundReceipt;
import com.paycallback.refund.RefundRequest;
import com.paycallback.settlement.CompensationStep;
import com.paycallback.settlement.RefundOutcome;
import com.paycallback.settlement.SettlementRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code refunds}: the full paid amount back to the payer through the channel's refund client, and
 * the refund's status as the gateway confirms it later. It has no inverse: money that went back
 * stays back.
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
    RefundRequest refund = refundRequest(request, reason);
    RefundGateway gateway = gateway(request.channel());
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

  /**
   * Asks the gateway how the refund stands and records a changed answer. The refund request is
   * rebuilt from the settlement as {@link #refund} built it: the gateways find it by its key.
   */
  String queryRefund(SettlementRequest request) {
    RefundReceipt receipt = gateway(request.channel()).queryRefund(refundRequest(request, null));
    recordOutcome(request.transactionId(), receipt.status(), "QUERY");
    return receipt.status();
  }

  /**
   * Records the refund's status when it changed. A completed refund (SUCCESS, or made by hand)
   * stays completed: a late or repeated word changes nothing.
   */
  void recordOutcome(String transactionId, String status, String confirmedBy) {
    jdbc.sql(
            """
            UPDATE refunds SET status = ?, confirmed_by = ?, updated_at = CURRENT_TIMESTAMP(3)
             WHERE transaction_id = ? AND status <> ? AND status NOT IN (?, ?)
            """)
        .params(
            status,
            confirmedBy.length() <= 100 ? confirmedBy : confirmedBy.substring(0, 100),
            transactionId,
            status,
            RefundOutcome.SUCCESS,
            RefundOutcome.BY_HAND)
        .update();
  }

  private static RefundRequest refundRequest(SettlementRequest request, String reason) {
    return new RefundRequest(
        request.channel(),
        request.transactionId(),
        request.orderNo(),
        RefundRequest.keyOf(request.transactionId()),
        request.paidAmount(),
        request.paidAmount(),
        request.currency(),
        reason);
  }

  private RefundGateway gateway(String channel) {
    return refundGateways.stream()
        .filter(g -> g.handles(channel))
        .findFirst()
        .orElseThrow(() -> new RefundFailed("no refund client for channel " + channel));
  }

  private void recordRefund(RefundRequest refund, RefundReceipt receipt) {
    try {
      jdbc.sql(
              """
              INSERT INTO refunds (refund_key, transaction_id, channel, order_no, amount, currency,
                                   status, gateway_refund_id, reason, confirmed_by)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
              truncate(refund.reason()),
              RefundOutcome.isFinal(receipt.status()) ? "GATEWAY" : null)
          .update();
    } catch (DuplicateKeyException recordedBefore) {
      // Recorded by an earlier attempt whose ledger row did not commit: the row stands.
    }
  }

  private static String truncate(String reason) {
    return reason == null || reason.length() <= 300 ? reason : reason.substring(0, 300);
  }
}
