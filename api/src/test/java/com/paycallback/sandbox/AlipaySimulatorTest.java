package com.paycallback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.ServiceTest;
import com.paycallback.db.ShopFixture;
import com.paycallback.gateway.GatewayCallFailed;
import com.paycallback.gateway.TradeAnswer;
import com.paycallback.gateway.TradeQueries;
import com.paycallback.gateway.TradeState;
import com.paycallback.refund.RefundGateway;
import com.paycallback.refund.RefundReceipt;
import com.paycallback.refund.RefundRequest;
import com.paycallback.settlement.PaymentChannel;
import com.paycallback.shop.PlacedOrder;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The real Alipay clients of the embedded default against the simulated Alipay OpenAPI, over HTTP:
 * queries answer from the simulated gateway's book of trades, refunds are booked once per key.
 */
class AlipaySimulatorTest extends ServiceTest {

  @Autowired private List<TradeQueries> tradeQueries;
  @Autowired private ObjectProvider<RefundGateway> refundGateways;
  @Autowired private SandboxTrades trades;

  private final ObjectMapper json = new ObjectMapper();

  private TradeQueries alipay() {
    return tradeQueries.stream()
        .filter(queries -> queries.channel() == PaymentChannel.ALIPAY)
        .findFirst()
        .orElseThrow();
  }

  /** The refund gateway the saga would pick for an Alipay payment. */
  private RefundGateway alipayRefunds() {
    return refundGateways
        .orderedStream()
        .filter(g -> g.handles("alipay"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void paymentWhoseNoticeWasNeverDeliveredIsAnsweredPaid() {
    ShopFixture shop = shop();
    PlacedOrder order = shop.plainOrder(shop.sku("TEA", 12800, 10), 1);
    String transactionId = "2026" + shop.suffix;
    Instant paidAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    trades.paid(
        "alipay",
        order.orderNo(),
        transactionId,
        order.payable(),
        "CNY",
        "2088000000000001",
        paidAt,
        false);

    TradeAnswer answer = alipay().query(order.orderNo());

    assertThat(answer.state()).isEqualTo(TradeState.PAID);
    assertThat(answer.gatewayState()).isEqualTo("TRADE_SUCCESS");
    assertThat(answer.payment().transactionId()).isEqualTo(transactionId);
    assertThat(answer.payment().orderNo()).isEqualTo(order.orderNo());
    assertThat(answer.payment().amount()).isEqualTo(order.payable());
    assertThat(answer.payment().currency()).isEqualTo("CNY");
    assertThat(answer.payment().paidAt()).isEqualTo(paidAt);
    assertThat(answer.payment().payerId()).isEqualTo("2088000000000001");
    assertThatThrownBy(() -> alipay().close(order.orderNo()))
        .isInstanceOf(GatewayCallFailed.class)
        .hasMessageContaining("ACQ.TRADE_STATUS_ERROR");
  }

  @Test
  void unpaidOrderIsClosedAtTheGateway() {
    ShopFixture shop = shop();
    PlacedOrder order = shop.plainOrder(shop.sku("MUG", 5900, 5), 2);

    assertThat(alipay().query(order.orderNo()))
        .isEqualTo(TradeAnswer.unpaid(TradeState.NOT_PAID, "ACQ.TRADE_NOT_EXIST"));
    alipay().close(order.orderNo());

    assertThat(alipay().query(order.orderNo()))
        .isEqualTo(TradeAnswer.unpaid(TradeState.CLOSED, "TRADE_CLOSED"));
    assertThat(
            jdbc.sql("SELECT status FROM sandbox_trades WHERE order_no = ? AND channel = 'alipay'")
                .param(order.orderNo())
                .query(String.class)
                .list())
        .containsExactly("CLOSED");
  }

  @Test
  void refundIsBookedOnceAndItsOutcomeIsQueried() {
    ShopFixture shop = shop();
    PlacedOrder order = shop.plainOrder(shop.sku("POT", 9900, 5), 1);
    String transactionId = "2026" + shop.suffix;
    RefundRequest refund =
        new RefundRequest(
            "alipay",
            transactionId,
            order.orderNo(),
            RefundRequest.keyOf(transactionId),
            order.payable(),
            order.payable(),
            "CNY",
            "late payment");

    RefundReceipt first = alipayRefunds().refund(refund);
    RefundReceipt again = alipayRefunds().refund(refund);

    // The simulated Alipay's answer names the trade; the sandbox fallback would name the key.
    assertThat(first).isEqualTo(new RefundReceipt(transactionId, RefundReceipt.SUCCESS));
    assertThat(again).isEqualTo(first);
    assertThat(
            jdbc.sql(
                    "SELECT channel, order_no, amount, currency FROM sandbox_refunds"
                        + " WHERE transaction_id = ?")
                .param(transactionId)
                .query()
                .listOfRows())
        .singleElement()
        .satisfies(
            row ->
                assertThat(row)
                    .containsEntry("channel", "alipay")
                    .containsEntry("order_no", order.orderNo())
                    .containsEntry("amount", order.payable())
                    .containsEntry("currency", "CNY"));
    assertThat(alipayRefunds().queryRefund(refund).status()).isEqualTo(RefundReceipt.SUCCESS);

    jdbc.sql("UPDATE sandbox_refunds SET status = 'PROCESSING' WHERE refund_key = ?")
        .param(refund.refundKey())
        .update();
    assertThat(alipayRefunds().queryRefund(refund).status()).isEqualTo(RefundReceipt.PROCESSING);
  }

  @Test
  void requestNotSignedWithTheMerchantKeyIsRefused() throws Exception {
    HttpResponse<String> answer =
        post(
            "/sandbox/gateways/alipay",
            "application/x-www-form-urlencoded",
            "app_id="
                + APP_ID
                + "&method=alipay.trade.query&sign_type=RSA2&sign=AAAA"
                + "&biz_content=%7B%22out_trade_no%22%3A%22PO1%22%7D");

    JsonNode response = json.readTree(answer.body()).get("alipay_trade_query_response");
    assertThat(response.get("sub_code").asText()).isEqualTo("isv.invalid-signature");
    assertThat(json.readTree(answer.body()).get("sign").asText()).isNotBlank();
  }
}
