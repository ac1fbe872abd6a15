package com.paycallback.sandbox;

import com.paycallback.gateway.wechatpay.WechatPayTransaction;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decrypted transaction of a WeChat Pay payment notice, as WeChat Pay writes it, for the
 * simulated gateway and for tests (which may change it before signing).
 */
public final class WechatPayTransactions {

  private WechatPayTransactions() {}

  /** A SUCCESS transaction of {@code totalFen}, as a mutable map in WeChat Pay's field order. */
  public static Map<String, Object> success(
      String appId,
      String mchId,
      String transactionId,
      String orderNo,
      long totalFen,
      Instant successTime,
      String payerOpenId) {
    Map<String, Object> amount = new LinkedHashMap<>();
    amount.put("total", totalFen);
    amount.put("payer_total", totalFen);
    amount.put("currency", "CNY");
    amount.put("payer_currency", "CNY");
    Map<String, Object> transaction = new LinkedHashMap<>();
    transaction.put("appid", appId);
    transaction.put("mchid", mchId);
    transaction.put("out_trade_no", orderNo);
    transaction.put("transaction_id", transactionId);
    transaction.put("trade_type", "JSAPI");
    transaction.put("trade_state", WechatPayTransaction.TRADE_STATE_SUCCESS);
    transaction.put("trade_state_desc", "支付成功");
    transaction.put("bank_type", "OTHERS");
    // RFC 3339 in China Standard Time, to the second, as WeChat Pay sends it.
    transaction.put(
        "success_time",
        successTime.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.ofHours(8)).toString());
    transaction.put("payer", Map.of("openid", payerOpenId));
    transaction.put("amount", amount);
    return transaction;
  }
}
