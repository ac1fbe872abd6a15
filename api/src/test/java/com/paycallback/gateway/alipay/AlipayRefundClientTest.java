package com.paycallback.gateway.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paycallback.refund.RefundFailed;
import com.paycallback.refund.RefundReceipt;
import com.paycallback.refund.RefundRequest;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Alipay refund client against a local Alipay that checks requests with the official SDK's
 * {@code AlipaySignature} and signs its answers with it: {@code alipay.trade.refund} is idempotent
 * on {@code out_request_no}, and {@code alipay.trade.fastpay.refund.query} tells a completed refund
 * from one under way.
 */
class AlipayRefundClientTest {

  private final Set<String> refunded = ConcurrentHashMap.newKeySet();
  private final Set<String> completed = ConcurrentHashMap.newKeySet();
  private final FakeAlipay alipay = new FakeAlipay(this::answer);
  private final AlipayRefundClient client = new AlipayRefundClient(alipay.openApi(null));

  @AfterEach
  void stop() {
    alipay.close();
  }

  /** Books each out_request_no once (fund_change Y the first time); completed ones say so. */
  private Map<String, Object> answer(FakeAlipay.Call call) {
    String key = call.biz().get("out_request_no").asText();
    String tradeNo = call.biz().get("trade_no").asText();
    return switch (call.method()) {
      case "alipay.trade.refund" ->
          FakeAlipay.success(
              "trade_no",
              tradeNo,
              "out_trade_no",
              call.biz().get("out_trade_no").asText(),
              "refund_fee",
              call.biz().get("refund_amount").asText(),
              "fund_change",
              refunded.add(key) ? "Y" : "N");
      case "alipay.trade.fastpay.refund.query" ->
          refunded.contains(key) && completed.contains(key)
              ? FakeAlipay.success(
                  "trade_no",
                  tradeNo,
                  "out_request_no",
                  key,
                  "refund_amount",
                  "123.45",
                  "refund_status",
                  "REFUND_SUCCESS")
              : FakeAlipay.success("trade_no", tradeNo, "out_request_no", key);
      default -> FakeAlipay.refused("40004", "isv.invalid-method");
    };
  }

  private static RefundRequest refund(String transactionId) {
    return new RefundRequest(
        "alipay",
        transactionId,
        "PO123",
        RefundRequest.keyOf(transactionId),
        12345,
        12345,
        "CNY",
        "settlement compensated");
  }

  @Test
  void refundThatMovedMoneySucceedsAndARetryIsConfirmedByTheRefundQuery() {
    completed.add("R2026112522001400001");

    RefundReceipt first = client.refund(refund("2026112522001400001"));
    RefundReceipt again = client.refund(refund("2026112522001400001"));

    assertThat(first).isEqualTo(new RefundReceipt("2026112522001400001", "SUCCESS"));
    assertThat(again).isEqualTo(first);
    assertThat(refunded).containsExactly("R2026112522001400001");
  }

  @Test
  void repeatWhoseRefundQueryHasNoStatusIsStillProcessing() {
    client.refund(refund("2026112522001400003"));

    RefundReceipt again = client.refund(refund("2026112522001400003"));

    assertThat(again).isEqualTo(new RefundReceipt("2026112522001400003", "PROCESSING"));
    assertThat(client.queryRefund(refund("2026112522001400003")).status())
        .isEqualTo(RefundReceipt.PROCESSING);
    completed.add("R2026112522001400003");
    assertThat(client.queryRefund(refund("2026112522001400003")).status())
        .isEqualTo(RefundReceipt.SUCCESS);
  }

  @Test
  void answerSignedWithAnotherKeyIsNotBelieved() {
    alipay.answerKey = AlipayNotices.newKeyPair();

    assertThatThrownBy(() -> client.refund(refund("2026112522001400002")))
        .isInstanceOf(RefundFailed.class)
        .hasMessageContaining("valid signature");
  }

  @Test
  void unsignedAnswerIsNotBelieved() {
    alipay.tamper = body -> body.replaceAll(",\"sign\":\"[^\"]*\"", "");

    assertThatThrownBy(() -> client.refund(refund("2026112522001400004")))
        .isInstanceOf(RefundFailed.class)
        .hasMessageContaining("not signed");
  }
}
