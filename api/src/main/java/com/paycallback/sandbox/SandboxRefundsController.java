package com.paycallback.sandbox;

import java.sql.Timestamp;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The refunds the simulated gateways received (embedded default only): {@code GET
 * /sandbox/refunds[?transactionId=|orderNo=]}, newest first.
 */
@RestController
@RequestMapping("/sandbox/refunds")
@ConditionalOnProperty(name = "paycallback.sandbox.enabled", havingValue = "true")
class SandboxRefundsController {

  private final JdbcClient jdbc;

  SandboxRefundsController(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @GetMapping
  List<Refund> refunds(
      @RequestParam(required = false) String transactionId,
      @RequestParam(required = false) String orderNo) {
    return jdbc.sql(
            """
            SELECT refund_key, channel, transaction_id, order_no, amount, currency, reason,
                   received_at
              FROM sandbox_refunds
             WHERE (? IS NULL OR transaction_id = ?) AND (? IS NULL OR order_no = ?)
             ORDER BY received_at DESC, refund_key LIMIT 500
            """)
        .params(transactionId, transactionId, orderNo, orderNo)
        .query(
            (rs, row) ->
                new Refund(
                    rs.getString("refund_key"),
                    rs.getString("channel"),
                    rs.getString("transaction_id"),
                    rs.getString("order_no"),
                    rs.getLong("amount"),
                    rs.getString("currency"),
                    rs.getString("reason"),
                    instant(rs.getTimestamp("received_at"))))
        .list();
  }

  private static String instant(Timestamp timestamp) {
    return timestamp.toInstant().toString();
  }

  record Refund(
      String refundKey,
      String channel,
      String transactionId,
      String orderNo,
      long amount,
      String currency,
      String reason,
      String receivedAt) {}
}
