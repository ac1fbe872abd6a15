package com.paycallback.sandbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The simulated gateways' book of trades (embedded default only): every payment a simulated gateway
 * took, delivered or not, and every unpaid trade the merchant closed. The simulated query and close
 * endpoints answer from it.
 */
@Component
@ConditionalOnProperty(name = "paycallback.sandbox.enabled", havingValue = "true")
public class SandboxTrades {

  /** A trade as the gateway knows it; amount, currency, payer and paidAt are null unless PAID. */
  public record Trade(
      String channel,
      String orderNo,
      String status,
      String transactionId,
      Long amount,
      String currency,
      String payer,
      Instant paidAt,
      boolean delivered) {

    public boolean paid() {
      return PAID.equals(status);
    }
  }

  public static final String PAID = "PAID";
  public static final String CLOSED = "CLOSED";

  private final JdbcClient jdbc;

  SandboxTrades(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Books a payment the buyer made through {@code channel}. */
  public void paid(
      String channel,
      String orderNo,
      String transactionId,
      long amount,
      String currency,
      String payer,
      Instant paidAt,
      boolean delivered) {
    jdbc.sql(
            """
            INSERT INTO sandbox_trades (channel, order_no, status, transaction_id, amount, currency,
                                        payer, paid_at, delivered)
            VALUES (?, ?, 'PAID', ?, ?, ?, ?, ?, ?)
            """)
        .params(
            channel,
            orderNo,
            transactionId,
            amount,
            currency,
            payer,
            Timestamp.from(paidAt),
            delivered)
        .update();
  }

  /**
   * The order's trade at {@code channel}: its first payment if it was paid, else the closed trade,
   * else empty (the gateway never saw a payment for it).
   */
  public Optional<Trade> find(String channel, String orderNo) {
    return jdbc.sql(
            """
            SELECT channel, order_no, status, transaction_id, amount, currency, payer, paid_at,
                   delivered
              FROM sandbox_trades
             WHERE order_no = ? AND channel = ?
             ORDER BY status = 'PAID' DESC, id
             LIMIT 1
            """)
        .params(orderNo, channel)
        .query(SandboxTrades::trade)
        .optional();
  }

  /** The trade booked under {@code transactionId}, if any. */
  public Optional<Trade> byTransaction(String transactionId) {
    return jdbc.sql(
            """
            SELECT channel, order_no, status, transaction_id, amount, currency, payer, paid_at,
                   delivered
              FROM sandbox_trades WHERE transaction_id = ?
            """)
        .param(transactionId)
        .query(SandboxTrades::trade)
        .optional();
  }

  /**
   * Closes the order's unpaid trade at {@code channel}, as the gateway's close call does.
   *
   * @return false when the trade was paid: a paid trade cannot be closed
   */
  public boolean close(String channel, String orderNo) {
    Optional<Trade> trade = find(channel, orderNo);
    if (trade.isPresent()) {
      return !trade.get().paid();
    }
    jdbc.sql("INSERT INTO sandbox_trades (channel, order_no, status) VALUES (?, ?, 'CLOSED')")
        .params(channel, orderNo)
        .update();
    return true;
  }

  private static Trade trade(ResultSet rs, int row) throws SQLException {
    Timestamp paidAt = rs.getTimestamp("paid_at");
    long amount = rs.getLong("amount");
    boolean noAmount = rs.wasNull();
    return new Trade(
        rs.getString("channel"),
        rs.getString("order_no"),
        rs.getString("status"),
        rs.getString("transaction_id"),
        noAmount ? null : amount,
        rs.getString("currency"),
        rs.getString("payer"),
        paidAt == null ? null : paidAt.toInstant(),
        rs.getBoolean("delivered"));
  }
}
