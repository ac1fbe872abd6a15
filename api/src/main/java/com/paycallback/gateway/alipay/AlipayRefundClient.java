package com.paycallback.gateway.alipay;

import com.paycallback.gateway.GatewayCallFailed;
import com.paycallback.refund.RefundFailed;
import com.paycallback.refund.RefundGateway;
import com.paycallback.refund.RefundReceipt;
import com.paycallback.refund.RefundRequest;
import com.paycallback.settlement.PaymentChannel;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Alipay's {@code alipay.trade.refund}, with {@code out_request_no} as the idempotency key (Alipay
 * answers a repeat with the first refund, {@code fund_change=N}), and {@code
 * alipay.trade.fastpay.refund.query} for its outcome. Alipay refunds synchronously: {@code
 * fund_change=Y} means the money moved; any other answer is confirmed by the refund query, whose
 * {@code refund_status=REFUND_SUCCESS} is the only proof of a completed refund.
 */
class AlipayRefundClient implements RefundGateway {

  private static final String REFUND_SUCCESS = "REFUND_SUCCESS";

  private final AlipayOpenApi alipay;

  AlipayRefundClient(AlipayOpenApi alipay) {
    this.alipay = alipay;
  }

  @Override
  public boolean handles(String channel) {
    return PaymentChannel.ALIPAY.id().equals(channel);
  }

  @Override
  public RefundReceipt refund(RefundRequest refund) {
    Map<String, String> biz = identifying(refund);
    // Alipay amounts are yuan with two decimals; ours are fen.
    biz.put("refund_amount", BigDecimal.valueOf(refund.amount(), 2).toPlainString());
    if (refund.reason() != null) {
      biz.put(
          "refund_reason",
          refund.reason().length() <= 256 ? refund.reason() : refund.reason().substring(0, 256));
    }
    AlipayOpenApi.Answer answer = call("alipay.trade.refund", biz, refund);
    if ("Y".equals(answer.text("fund_change"))) {
      return new RefundReceipt(gatewayRefundId(answer, refund), RefundReceipt.SUCCESS);
    }
    // A repeat of the key, or a refund still under way: only the refund query says which.
    return queryRefund(refund);
  }

  @Override
  public RefundReceipt queryRefund(RefundRequest refund) {
    AlipayOpenApi.Answer answer =
        call("alipay.trade.fastpay.refund.query", identifying(refund), refund);
    String status =
        REFUND_SUCCESS.equals(answer.text("refund_status"))
            ? RefundReceipt.SUCCESS
            : RefundReceipt.PROCESSING;
    return new RefundReceipt(gatewayRefundId(answer, refund), status);
  }

  private static Map<String, String> identifying(RefundRequest refund) {
    Map<String, String> biz = new LinkedHashMap<>();
    biz.put("trade_no", refund.transactionId());
    biz.put("out_trade_no", refund.orderNo());
    biz.put("out_request_no", refund.refundKey());
    return biz;
  }

  /** The verified, successful answer; anything else is a refund not (yet) accepted. */
  private AlipayOpenApi.Answer call(String method, Map<String, String> biz, RefundRequest refund) {
    AlipayOpenApi.Answer answer;
    try {
      answer = alipay.call(method, biz);
    } catch (GatewayCallFailed e) {
      throw new RefundFailed(e.getMessage(), e);
    }
    if (!answer.success()) {
      throw new RefundFailed(
          "Alipay refused " + method + " for " + refund.refundKey() + ": " + answer.refusal());
    }
    return answer;
  }

  private static String gatewayRefundId(AlipayOpenApi.Answer answer, RefundRequest refund) {
    String tradeNo = answer.text("trade_no");
    return tradeNo == null ? refund.refundKey() : tradeNo;
  }
}
