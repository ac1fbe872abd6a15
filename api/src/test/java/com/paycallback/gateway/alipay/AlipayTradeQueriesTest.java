package com.paycallback.gateway.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paycallback.gateway.GatewayAnswerForged;
import com.paycallback.gateway.GatewayCallFailed;
import com.paycallback.gateway.TradeAnswer;
import com.paycallback.gateway.TradeState;
import com.paycallback.notice.PaymentNotice;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code alipay.trade.query} and {@code alipay.trade.close} against a local Alipay that signs its
 * answers with the official SDK; an answer without Alipay's valid signature is never read.
 */
class AlipayTradeQueriesTest {

  /** The trades this Alipay knows, by out_trade_no: their trade_status. */
  private final Map<String, String> trades = new ConcurrentHashMap<>();

  private final FakeAlipay alipay = new FakeAlipay(this::answer);
  private final AlipayTradeQueries queries =
      new AlipayTradeQueries(alipay.openApi(null), Clock.systemUTC());

  @AfterEach
  void stop() {
    alipay.close();
  }

  private Map<String, Object> answer(FakeAlipay.Call call) {
    String orderNo = call.biz().get("out_trade_no").asText();
    String status = trades.get(orderNo);
    if (status == null) {
      return FakeAlipay.refused("40004", "ACQ.TRADE_NOT_EXIST");
    }
    return switch (call.method()) {
      case "alipay.trade.query" ->
          status.equals("TRADE_SUCCESS")
              ? FakeAlipay.success(
                  "trade_no",
                  "2026112522001499999",
                  "out_trade_no",
                  orderNo,
                  "trade_status",
                  status,
                  "total_amount",
                  "123.45",
                  "buyer_user_id",
                  "2088102122524333",
                  "send_pay_date",
                  "2026-11-25 09:59:58")
              : FakeAlipay.success("out_trade_no", orderNo, "trade_status", status);
      case "alipay.trade.close" -> {
        if (!status.equals("WAIT_BUYER_PAY")) {
          yield FakeAlipay.refused("40004", "ACQ.TRADE_STATUS_ERROR");
        }
        trades.put(orderNo, "TRADE_CLOSED");
        yield FakeAlipay.success("out_trade_no", orderNo);
      }
      default -> FakeAlipay.refused("40004", "isv.invalid-method");
    };
  }

  @Test
  void paidTradeIsReadLikeANotice() {
    trades.put("PO1", "TRADE_SUCCESS");

    TradeAnswer answer = queries.query("PO1");

    assertThat(answer.state()).isEqualTo(TradeState.PAID);
    assertThat(answer.gatewayState()).isEqualTo("TRADE_SUCCESS");
    assertThat(answer.payment())
        .isEqualTo(
            new PaymentNotice(
                "alipay",
                "2026112522001499999",
                "PO1",
                12345,
                "CNY",
                true,
                "TRADE_SUCCESS",
                Instant.parse("2026-11-25T01:59:58Z"),
                "2088102122524333"));
  }

  @Test
  void unpaidClosedAndUnknownTradesAreNotPaid() {
    trades.put("PO2", "WAIT_BUYER_PAY");
    trades.put("PO3", "TRADE_CLOSED");

    assertThat(queries.query("PO2"))
        .isEqualTo(TradeAnswer.unpaid(TradeState.NOT_PAID, "WAIT_BUYER_PAY"));
    assertThat(queries.query("PO3"))
        .isEqualTo(TradeAnswer.unpaid(TradeState.CLOSED, "TRADE_CLOSED"));
    assertThat(queries.query("PO4").state()).isEqualTo(TradeState.NOT_PAID);
  }

  @Test
  void closeClosesAnUnpaidTradeAndCountsAnUnknownOneClosed() {
    trades.put("PO5", "WAIT_BUYER_PAY");

    queries.close("PO5");
    queries.close("PO6");

    assertThat(trades).containsEntry("PO5", "TRADE_CLOSED").doesNotContainKey("PO6");
    assertThat(queries.query("PO5").state()).isEqualTo(TradeState.CLOSED);
  }

  @Test
  void paidTradeIsNotClosed() {
    trades.put("PO7", "TRADE_SUCCESS");

    assertThatThrownBy(() -> queries.close("PO7"))
        .isInstanceOf(GatewayCallFailed.class)
        .isNotInstanceOf(GatewayAnswerForged.class)
        .hasMessageContaining("ACQ.TRADE_STATUS_ERROR");
    assertThat(trades).containsEntry("PO7", "TRADE_SUCCESS");
  }

  @Test
  void answerSignedWithAnotherKeyIsRefused() {
    trades.put("PO8", "TRADE_SUCCESS");
    alipay.answerKey = AlipayNotices.newKeyPair();

    assertThatThrownBy(() -> queries.query("PO8"))
        .isInstanceOf(GatewayAnswerForged.class)
        .hasMessageContaining("valid signature");
    assertThatThrownBy(() -> queries.close("PO8")).isInstanceOf(GatewayAnswerForged.class);
  }

  @Test
  void unsignedAnswerIsRefused() {
    trades.put("PO9", "TRADE_SUCCESS");
    alipay.tamper = body -> body.replaceAll(",\"sign\":\"[^\"]*\"", "");

    assertThatThrownBy(() -> queries.query("PO9"))
        .isInstanceOf(GatewayAnswerForged.class)
        .hasMessageContaining("not signed");
  }

  @Test
  void answerAlteredAfterSigningIsRefused() {
    trades.put("PO10", "WAIT_BUYER_PAY");
    alipay.tamper = body -> body.replace("WAIT_BUYER_PAY", "TRADE_SUCCESS");

    assertThatThrownBy(() -> queries.query("PO10")).isInstanceOf(GatewayAnswerForged.class);
  }

  @Test
  void signedNodeHiddenInAStringDoesNotVouchForAnotherNode() {
    trades.put("PO11", "WAIT_BUYER_PAY");
    // The genuine signed node is kept, but only inside a string; the node read is the attacker's.
    alipay.tamper =
        body ->
            "{\"x\":\""
                + body.replace("\"", "\\\"")
                + "\",\"alipay_trade_query_response\":{\"code\":\"10000\",\"trade_status\":"
                + "\"TRADE_SUCCESS\"},"
                + body.substring(body.indexOf("\"sign\""));

    assertThatThrownBy(() -> queries.query("PO11")).isInstanceOf(GatewayAnswerForged.class);
  }
}
