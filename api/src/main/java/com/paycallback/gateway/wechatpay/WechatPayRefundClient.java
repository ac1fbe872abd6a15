package com.paycallback.gateway.wechatpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paycallback.gateway.GatewayCallFailed;
import com.paycallback.refund.RefundFailed;
import com.paycallback.refund.RefundGateway;
import com.paycallback.refund.RefundReceipt;
import com.paycallback.refund.RefundRequest;
import com.paycallback.settlement.PaymentChannel;
import java.net.URI;
import java.util.Set;
import java.util.function.Supplier;

/**
 * WeChat Pay's refunds: {@code POST /v3/refund/domestic/refunds} and {@code GET
 * /v3/refund/domestic/refunds/{out_refund_no}}, through {@link WechatPayApi}. {@code out_refund_no}
 * is the idempotency key (a repeat returns the first refund). A refund is asynchronous at WeChat
 * Pay: the answer's status (SUCCESS, PROCESSING, ABNORMAL, CLOSED) is returned as it is, and the
 * outcome comes later as a refund notice to {@code notify_url}, or from the query.
 */
class WechatPayRefundClient implements RefundGateway {

  private static final String PATH = "/v3/refund/domestic/refunds";
  private static final Set<String> STATUSES =
      Set.of(
          RefundReceipt.SUCCESS,
          RefundReceipt.PROCESSING,
          RefundReceipt.ABNORMAL,
          RefundReceipt.CLOSED);
  // WeChat Pay shows at most 80 characters of the reason to the buyer.
  private static final int MAX_REASON_LENGTH = 80;

  private final WechatPayApi api;
  private final URI refundNotifyUrl;

  /**
   * @param refundNotifyUrl where WeChat Pay sends the refund's outcome; null leaves it to the URL
   *     set in WeChat Pay's merchant platform
   */
  WechatPayRefundClient(WechatPayApi api, URI refundNotifyUrl) {
    this.api = api;
    this.refundNotifyUrl = refundNotifyUrl;
  }

  @Override
  public boolean handles(String channel) {
    return PaymentChannel.WECHATPAY.id().equals(channel);
  }

  @Override
  public RefundReceipt refund(RefundRequest refund) {
    WechatPayApi.Answer answer = call(() -> api.post(PATH, body(refund)), refund);
    if (answer.status() != 200) {
      throw new RefundFailed(
          "WeChat Pay refused refund "
              + refund.refundKey()
              + ": "
              + answer
              + " "
              + answer.body().path("message").asText());
    }
    return receipt(answer.body(), refund);
  }

  @Override
  public RefundReceipt queryRefund(RefundRequest refund) {
    // Refund keys are [0-9A-Za-z_-] (RefundRequest.keyOf): safe in a path as they are.
    WechatPayApi.Answer answer = call(() -> api.get(PATH + "/" + refund.refundKey()), refund);
    if (answer.status() != 200) {
      throw new RefundFailed(
          "WeChat Pay has no answer for refund " + refund.refundKey() + ": " + answer);
    }
    return receipt(answer.body(), refund);
  }

  private JsonNode body(RefundRequest refund) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("transaction_id", refund.transactionId());
    body.put("out_refund_no", refund.refundKey());
    if (refund.reason() != null) {
      body.put(
          "reason",
          refund.reason().length() <= MAX_REASON_LENGTH
              ? refund.reason()
              : refund.reason().substring(0, MAX_REASON_LENGTH));
    }
    if (refundNotifyUrl != null) {
      body.put("notify_url", refundNotifyUrl.toString());
    }
    ObjectNode amount = body.putObject("amount");
    amount.put("refund", refund.amount());
    amount.put("total", refund.total());
    amount.put("currency", refund.currency());
    return body;
  }

  private static RefundReceipt receipt(JsonNode answer, RefundRequest refund) {
    String status = answer.path("status").asText();
    if (!STATUSES.contains(status)) {
      throw new RefundFailed(
          "WeChat Pay answered refund " + refund.refundKey() + " with status '" + status + "'");
    }
    return new RefundReceipt(answer.path("refund_id").asText(refund.refundKey()), status);
  }

  /**
   * A failed call, a forged answer ({@link com.paycallback.gateway.GatewayAnswerForged}) among
   * them, is a RefundFailed: nothing is believed, and the saga retries.
   */
  private static WechatPayApi.Answer call(
      Supplier<WechatPayApi.Answer> call, RefundRequest refund) {
    try {
      return call.get();
    } catch (GatewayCallFailed failed) {
      throw new RefundFailed("refund " + refund.refundKey() + ": " + failed.getMessage(), failed);
    }
  }
}
