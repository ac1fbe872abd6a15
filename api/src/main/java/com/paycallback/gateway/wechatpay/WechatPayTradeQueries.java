package com.paycallback.gateway.wechatpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.paycallback.crypto.ConstantTime;
import com.paycallback.gateway.GatewayCallFailed;
import com.paycallback.gateway.TradeAnswer;
import com.paycallback.gateway.TradeQueries;
import com.paycallback.gateway.TradeState;
import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.PaymentNotice;
import com.paycallback.settlement.PaymentChannel;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * WeChat Pay's trade API through {@link WechatPayApi}: {@code GET
 * /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=..} and {@code POST
 * /v3/pay/transactions/out-trade-no/{out_trade_no}/close}. A paid answer is the same transaction
 * object a payment notice carries, and is read and checked (mchid, appid) the same way.
 */
class WechatPayTradeQueries implements TradeQueries {

  private static final String PATH = "/v3/pay/transactions/out-trade-no/";
  private static final String ORDER_NOT_EXIST = "ORDER_NOT_EXIST";

  private final WechatPayApi api;
  private final String appId;

  WechatPayTradeQueries(WechatPayApi api, String appId) {
    this.api = api;
    this.appId = appId;
  }

  @Override
  public PaymentChannel channel() {
    return PaymentChannel.WECHATPAY;
  }

  @Override
  public TradeAnswer query(String orderNo) {
    WechatPayApi.Answer answer = api.get(PATH + encode(orderNo) + "?mchid=" + encode(api.mchId()));
    if (answer.status() == 404 && ORDER_NOT_EXIST.equals(answer.code())) {
      // The buyer never opened WeChat Pay's cashier for this order: nothing was paid.
      return TradeAnswer.unpaid(TradeState.NOT_PAID, ORDER_NOT_EXIST);
    }
    if (answer.status() != 200) {
      throw new GatewayCallFailed("WeChat Pay refused the query of " + orderNo + ": " + answer);
    }
    String tradeState = answer.body().path("trade_state").asText();
    return switch (tradeState) {
      // REFUND: paid, and refunded since; the money was taken all the same.
      case "SUCCESS", "REFUND" -> TradeAnswer.paid(payment(answer.body(), orderNo), tradeState);
      case "NOTPAY", "USERPAYING" -> TradeAnswer.unpaid(TradeState.NOT_PAID, tradeState);
      case "CLOSED", "REVOKED", "PAYERROR" -> TradeAnswer.unpaid(TradeState.CLOSED, tradeState);
      default ->
          throw new GatewayCallFailed(
              "WeChat Pay answered the query of "
                  + orderNo
                  + " with trade_state '"
                  + tradeState
                  + "'");
    };
  }

  @Override
  public void close(String orderNo) {
    WechatPayApi.Answer answer =
        api.post(
            PATH + encode(orderNo) + "/close",
            JsonNodeFactory.instance.objectNode().put("mchid", api.mchId()));
    if (answer.status() == 204 || answer.status() == 200) {
      return;
    }
    if (answer.status() == 404 && ORDER_NOT_EXIST.equals(answer.code())) {
      return; // A trade WeChat Pay never saw is as closed as can be.
    }
    throw new GatewayCallFailed(
        "WeChat Pay refused to close "
            + orderNo
            + ": "
            + answer
            + " "
            + answer.body().path("message").asText());
  }

  private PaymentNotice payment(JsonNode body, String orderNo) {
    WechatPayTransaction transaction;
    try {
      transaction = WechatPayResourceDecryptor.transaction(body);
    } catch (NoticeRejected malformed) {
      throw new GatewayCallFailed(
          "WeChat Pay's answer for " + orderNo + " is malformed: " + malformed.getMessage());
    }
    if (!ConstantTime.equal(api.mchId(), transaction.mchId())
        || !ConstantTime.equal(appId, transaction.appId())
        || !orderNo.equals(transaction.outTradeNo())) {
      throw new GatewayCallFailed(
          "WeChat Pay's answer for " + orderNo + " is about another merchant, app or order");
    }
    return new PaymentNotice(
        WechatPayTransaction.CHANNEL,
        transaction.transactionId(),
        transaction.outTradeNo(),
        transaction.total(),
        transaction.currency(),
        true,
        transaction.tradeState(),
        transaction.successTime(),
        transaction.payerOpenId());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
