package com.paycallback.gateway.alipay;

import com.paycallback.gateway.GatewayCallFailed;
import com.paycallback.gateway.TradeAnswer;
import com.paycallback.gateway.TradeQueries;
import com.paycallback.gateway.TradeState;
import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.PaymentNotice;
import com.paycallback.settlement.PaymentChannel;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * Alipay's {@code alipay.trade.query} and {@code alipay.trade.close} by {@code out_trade_no}. A
 * paid trade is read like a notice: {@code trade_no}, {@code total_amount} in yuan exactly into
 * fen, {@code send_pay_date} in Alipay's time zone. Alipay answers {@code ACQ.TRADE_NOT_EXIST}
 * while the buyer has not opened the payment: not paid, and nothing to close.
 */
class AlipayTradeQueries implements TradeQueries {

  private static final String TRADE_NOT_EXIST = "ACQ.TRADE_NOT_EXIST";
  private static final Set<String> PAID_STATUSES = Set.of("TRADE_SUCCESS", "TRADE_FINISHED");
  private static final ZoneId ALIPAY_ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter ALIPAY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final AlipayOpenApi alipay;
  private final Clock clock;

  AlipayTradeQueries(AlipayOpenApi alipay, Clock clock) {
    this.alipay = alipay;
    this.clock = clock;
  }

  @Override
  public PaymentChannel channel() {
    return PaymentChannel.ALIPAY;
  }

  @Override
  public TradeAnswer query(String orderNo) {
    AlipayOpenApi.Answer answer =
        alipay.call("alipay.trade.query", Map.of("out_trade_no", orderNo));
    if (!answer.success()) {
      if (TRADE_NOT_EXIST.equals(answer.subCode())) {
        return TradeAnswer.unpaid(TradeState.NOT_PAID, TRADE_NOT_EXIST);
      }
      throw new GatewayCallFailed(
          "Alipay refused the query of " + orderNo + ": " + answer.refusal());
    }
    if (!orderNo.equals(answer.text("out_trade_no"))) {
      throw new GatewayCallFailed("Alipay answered the query of " + orderNo + " for another order");
    }
    String status = String.valueOf(answer.text("trade_status"));
    if (PAID_STATUSES.contains(status)) {
      return TradeAnswer.paid(payment(answer, orderNo, status), status);
    }
    return switch (status) {
      case "WAIT_BUYER_PAY" -> TradeAnswer.unpaid(TradeState.NOT_PAID, status);
      case "TRADE_CLOSED" -> TradeAnswer.unpaid(TradeState.CLOSED, status);
      default ->
          throw new GatewayCallFailed("Alipay answered trade_status " + status + " for " + orderNo);
    };
  }

  @Override
  public void close(String orderNo) {
    AlipayOpenApi.Answer answer =
        alipay.call("alipay.trade.close", Map.of("out_trade_no", orderNo));
    if (answer.success() || TRADE_NOT_EXIST.equals(answer.subCode())) {
      return;
    }
    // ACQ.TRADE_STATUS_ERROR: the trade was paid (or finished) and cannot be closed.
    throw new GatewayCallFailed(
        "Alipay did not close the trade of " + orderNo + ": " + answer.refusal());
  }

  private PaymentNotice payment(AlipayOpenApi.Answer answer, String orderNo, String status) {
    String tradeNo = answer.text("trade_no");
    String totalAmount = answer.text("total_amount");
    if (tradeNo == null || tradeNo.isBlank() || totalAmount == null) {
      throw new GatewayCallFailed(
          "Alipay's paid answer for " + orderNo + " lacks trade_no or total_amount");
    }
    long amount;
    try {
      amount = AlipayNoticeChannel.fen(totalAmount);
    } catch (NoticeRejected e) {
      throw new GatewayCallFailed("Alipay's total_amount for " + orderNo + " is not a yuan amount");
    }
    String buyer = answer.text("buyer_user_id");
    return new PaymentNotice(
        PaymentChannel.ALIPAY.id(),
        tradeNo,
        orderNo,
        amount,
        "CNY",
        true,
        status,
        paidAt(answer.text("send_pay_date"), orderNo),
        buyer != null ? buyer : answer.text("buyer_open_id"));
  }

  /** When Alipay took the money; a paid answer without the time is paid as of now, as a notice. */
  private Instant paidAt(String sendPayDate, String orderNo) {
    if (sendPayDate == null) {
      return clock.instant();
    }
    try {
      return LocalDateTime.parse(sendPayDate, ALIPAY_TIME).atZone(ALIPAY_ZONE).toInstant();
    } catch (DateTimeParseException e) {
      throw new GatewayCallFailed("Alipay's send_pay_date for " + orderNo + " is not a time");
    }
  }
}
