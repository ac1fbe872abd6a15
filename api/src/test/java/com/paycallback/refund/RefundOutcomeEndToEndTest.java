package com.paycallback.refund;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.ServiceTest;
import com.paycallback.db.ShopFixture;
import com.paycallback.notice.TestNotices;
import com.paycallback.sandbox.SignedWechatPayNotice;
import com.paycallback.sandbox.WechatPaySandboxKeys;
import com.paycallback.shop.PlacedOrder;
import java.net.http.HttpResponse;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 over HTTP on the embedded default: an order is REFUNDED only once WeChat Pay's refund
 * notice confirms the refund; a refund notice is verified like a payment notice and applied once; a
 * refund WeChat Pay could not complete parks for an operator; a genuine payment of the wrong amount
 * is acknowledged, changes nothing and is refunded.
 */
class RefundOutcomeEndToEndTest extends ServiceTest {

  private static final String OPERATOR = "admin:admin";

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void processingRefundStaysRefundingUntilTheRefundNoticeAndFiveNoticesApplyOnce() {
    ShopFixture shop = shop();
    PlacedOrder order = shop.plainOrder(shop.sku("TEA", 12800, 1), 2);
    String transactionId = "4200002" + shop.suffix;
    gatewayWillAnswer(transactionId, order, "PROCESSING");

    assertThat(payByWechat(transactionId, order, order.payable()).statusCode()).isEqualTo(204);
    awaitOrderStatus(order.orderNo(), "REFUNDING");
    awaitRefundStatus(transactionId, "PROCESSING");
    awaitSettlementStep(transactionId, "refund");
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("REFUNDING");

    // A forged notice (a key WeChat Pay never had) is refused and changes nothing.
    long audited = count("SELECT COALESCE(MAX(id), 0) FROM payment_notices");
    HttpResponse<String> forged =
        postRefundNotice(
            "/notify/wechatpay/refund",
            refundNotice(
                WechatPaySandboxKeys.generateRsaKeyPair().getPrivate(),
                transactionId,
                order,
                "SUCCESS"));
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(auditReason(transactionId, "REFUND.SUCCESS")).isNull();
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("REFUNDING");
    assertThat(refundStatus(transactionId)).isEqualTo("PROCESSING");

    // WeChat Pay repeats its notice; the payment notify URL takes refund events too.
    for (int i = 0; i < 5; i++) {
      String path = i == 2 ? "/notify/wechatpay" : "/notify/wechatpay/refund";
      HttpResponse<String> answer =
          postRefundNotice(
              path, refundNotice(WECHATPAY.getPrivate(), transactionId, order, "SUCCESS"));
      assertThat(answer.statusCode()).as("notice " + i).isEqualTo(204);
    }

    awaitSettlementStatus(transactionId, "COMPENSATED");
    awaitOrderStatus(order.orderNo(), "REFUNDED");
    assertThat(refundStatus(transactionId)).isEqualTo("SUCCESS");
    assertThat(
            count(
                "SELECT COUNT(*) FROM refunds WHERE transaction_id = ? AND confirmed_by = 'NOTICE'",
                transactionId))
        .isEqualTo(1);
    assertThat(
            count(
                "SELECT COUNT(*) FROM settlement_steps WHERE transaction_id = ?"
                    + " AND step = 'markOrderRefunded' AND result = 'DONE'",
                transactionId))
        .isEqualTo(1);
    assertThat(shop.sandboxRefunds(transactionId)).isEqualTo(1);
    // Every request left an audit row: the first delivered, the rest acknowledged.
    assertThat(
            count(
                "SELECT COUNT(*) FROM payment_notices WHERE transaction_id = ?"
                    + " AND trade_status = 'REFUND.SUCCESS' AND outcome IN ('ACCEPTED', 'IGNORED')",
                transactionId))
        .isEqualTo(5);
    assertThat(
            count(
                "SELECT COUNT(*) FROM payment_notices WHERE id > ? AND reason_code = ?",
                audited,
                "SIGNATURE_INVALID"))
        .isEqualTo(1);
  }

  @Test
  void abnormalRefundParksAndTheOperatorRecordsARefundMadeByHand() throws Exception {
    ShopFixture shop = shop();
    PlacedOrder order = shop.plainOrder(shop.sku("MUG", 5900, 1), 2);
    String transactionId = "4200003" + shop.suffix;
    gatewayWillAnswer(transactionId, order, "PROCESSING");
    assertThat(payByWechat(transactionId, order, order.payable()).statusCode()).isEqualTo(204);
    awaitRefundStatus(transactionId, "PROCESSING");

    assertThat(
            postRefundNotice(
                    "/notify/wechatpay/refund",
                    refundNotice(WECHATPAY.getPrivate(), transactionId, order, "ABNORMAL"))
                .statusCode())
        .isEqualTo(204);

    awaitSettlementStatus(transactionId, "NEEDS_ATTENTION");
    awaitRefundStatus(transactionId, "ABNORMAL");
    JsonNode parked = json.readTree(get("/admin/settlements/" + transactionId, VIEWER).body());
    assertThat(parked.get("currentStep").asText()).isEqualTo("refund");
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("REFUNDING");
    String byHand = "/admin/settlements/" + transactionId + "/refunded-by-hand";
    assertThat(postAs(byHand, VIEWER).statusCode()).isEqualTo(403);
    assertThat(postAs("/admin/settlements/" + transactionId + "/compensate", OPERATOR).statusCode())
        .isEqualTo(409);

    HttpResponse<String> recorded = postAs(byHand, OPERATOR);

    assertThat(recorded.statusCode()).isEqualTo(200);
    assertThat(json.readTree(recorded.body()).get("step").asText()).isEqualTo("refund");
    awaitSettlementStatus(transactionId, "COMPENSATED");
    awaitOrderStatus(order.orderNo(), "REFUNDED");
    assertThat(refundStatus(transactionId)).isEqualTo("BY_HAND");
    JsonNode done = json.readTree(get("/admin/settlements/" + transactionId, VIEWER).body());
    assertThat(done.get("actions").findValuesAsText("action"))
        .containsExactly("COMPENSATE", "REFUNDED_BY_HAND");
    assertThat(done.get("actions").findValuesAsText("outcome"))
        .containsExactly("REJECTED", "ACCEPTED");
    assertThat(postAs(byHand, OPERATOR).statusCode()).isEqualTo(409);
  }

  @Test
  void refundNoticeNoSettlementAwaitsIsAcknowledgedAndAudited() {
    ShopFixture shop = shop();
    PlacedOrder order = shop.plainOrder(shop.sku("CUP", 900, 5), 1);
    String transactionId = "4200004" + shop.suffix;

    HttpResponse<String> answer =
        postRefundNotice(
            "/notify/wechatpay/refund",
            refundNotice(WECHATPAY.getPrivate(), transactionId, order, "SUCCESS"));

    assertThat(answer.statusCode()).isEqualTo(204);
    assertThat(auditReason(transactionId, "REFUND.SUCCESS")).isEqualTo("REFUND_NOT_AWAITED");
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("PENDING_PAYMENT");
  }

  @Test
  void paymentNoticeAtTheRefundNotifyUrlIsRefused() {
    ShopFixture shop = shop();
    PlacedOrder order = shop.plainOrder(shop.sku("CUP", 900, 5), 1);
    String transactionId = "4200005" + shop.suffix;
    SignedWechatPayNotice payment =
        TestNotices.wechatSigned(
            TestNotices.wechatTransaction(
                WECHAT_APP_ID, MCH_ID, transactionId, order.orderNo(), order.payable()),
            WECHATPAY.getPrivate(),
            WECHATPAY_KEY_ID,
            API_V3_KEY,
            Clock.systemUTC());

    assertThat(postRefundNotice("/notify/wechatpay/refund", payment).statusCode()).isEqualTo(400);
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("PENDING_PAYMENT");
  }

  @Test
  void genuinePaymentOfTheWrongAmountIsAcknowledgedRefundedAndChangesNothing() {
    ShopFixture shop = shop();
    String sku = shop.sku("TEA", 12800, 5);
    PlacedOrder order = shop.fullOrder(sku, 1);
    Map<String, Object> points = shop.points();
    Map<String, Object> wallet = shop.wallet();
    String wrong = "4200006" + shop.suffix;

    HttpResponse<String> answer = payByWechat(wrong, order, order.payable() + 100);

    assertThat(answer.statusCode()).isEqualTo(204);
    awaitSettlementStatus(wrong, "COMPENSATED");
    assertThat(
            jdbc.sql(
                    """
                    SELECT outcome, reason_code FROM payment_notices
                     WHERE transaction_id = ? AND trade_status = 'SUCCESS'
                    """)
                .param(wrong)
                .query()
                .singleRow())
        .containsEntry("outcome", "ACCEPTED")
        .containsEntry("reason_code", "AMOUNT_MISMATCH");
    // The simulated WeChat Pay answered the refund PROCESSING and confirmed it by notice.
    await(
        "the refund notice of " + wrong,
        () -> auditReason(wrong, "REFUND.SUCCESS"),
        "REFUND_NOTIFIED"::equals);
    assertThat(
            jdbc.sql("SELECT reason FROM settlements WHERE transaction_id = ?")
                .param(wrong)
                .query(String.class)
                .single())
        .isEqualTo("AMOUNT_MISMATCH");
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("PENDING_PAYMENT");
    assertThat(shop.sku(sku)).containsEntry("stock", 5).containsEntry("sales", 0);
    assertThat(shop.points()).isEqualTo(points);
    assertThat(shop.wallet()).isEqualTo(wallet);
    assertThat(shop.couponStatus()).isEqualTo("LOCKED");
    assertThat(
            jdbc.sql("SELECT amount FROM sandbox_refunds WHERE transaction_id = ?")
                .param(wrong)
                .query(Long.class)
                .single())
        .isEqualTo(order.payable() + 100);

    // The order stayed payable: the buyer pays the right amount and it settles.
    String right = "4200007" + shop.suffix;
    assertThat(payByWechat(right, order, order.payable()).statusCode()).isEqualTo(204);
    awaitSettlementStatus(right, "SETTLED");
    assertThat(shop.sku(sku)).containsEntry("stock", 4);
  }

  private HttpResponse<String> payByWechat(String transactionId, PlacedOrder order, long fen) {
    SignedWechatPayNotice notice =
        TestNotices.wechatSigned(
            TestNotices.wechatTransaction(
                WECHAT_APP_ID, MCH_ID, transactionId, order.orderNo(), fen),
            WECHATPAY.getPrivate(),
            WECHATPAY_KEY_ID,
            API_V3_KEY,
            Clock.systemUTC());
    return postRefundNotice("/notify/wechatpay", notice);
  }

  private HttpResponse<String> postRefundNotice(String path, SignedWechatPayNotice notice) {
    return post(path, "application/json", notice.headers().asMap(), notice.body());
  }

  private static SignedWechatPayNotice refundNotice(
      PrivateKey key, String transactionId, PlacedOrder order, String status) {
    return TestNotices.wechatRefundSigned(
        MCH_ID,
        transactionId,
        order.orderNo(),
        order.payable(),
        status,
        key,
        WECHATPAY_KEY_ID,
        API_V3_KEY);
  }

  /**
   * Books the refund at the simulated gateway beforehand with the status it will answer: the
   * simulated gateway's book ({@code sandbox_refunds.status}) is what its refund and refund query
   * answer from.
   */
  private void gatewayWillAnswer(String transactionId, PlacedOrder order, String status) {
    jdbc.sql(
            """
            INSERT INTO sandbox_refunds (refund_key, channel, transaction_id, order_no, amount,
                                         currency, status)
            VALUES (?, 'wechatpay', ?, ?, ?, 'CNY', ?)
            """)
        .params(
            RefundRequest.keyOf(transactionId),
            transactionId,
            order.orderNo(),
            order.payable(),
            status)
        .update();
  }

  private String refundStatus(String transactionId) {
    return jdbc.sql("SELECT status FROM refunds WHERE transaction_id = ?")
        .param(transactionId)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private String auditReason(String transactionId, String tradeStatus) {
    return jdbc.sql(
            """
            SELECT reason_code FROM payment_notices
             WHERE transaction_id = ? AND trade_status = ? ORDER BY id LIMIT 1
            """)
        .params(transactionId, tradeStatus)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private void awaitRefundStatus(String transactionId, String status) {
    awaitValue(() -> refundStatus(transactionId), status);
  }

  private void awaitSettlementStep(String transactionId, String step) {
    awaitValue(
        () ->
            jdbc.sql("SELECT current_step FROM settlements WHERE transaction_id = ?")
                .param(transactionId)
                .query(String.class)
                .optional()
                .orElse(null),
        step);
  }

  private static void awaitValue(java.util.function.Supplier<String> current, String expected) {
    Instant deadline = Instant.now().plusSeconds(30);
    String value = current.get();
    while (!expected.equals(value) && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      value = current.get();
    }
    assertThat(value).isEqualTo(expected);
  }
}
