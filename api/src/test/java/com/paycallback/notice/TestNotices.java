package com.paycallback.notice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.gateway.generic.HmacSignatureVerifier;
import com.paycallback.gateway.generic.HmacSigner;
import com.paycallback.gateway.wechatpay.WechatPayHeaders;
import com.paycallback.refund.RefundRequest;
import com.paycallback.sandbox.SignedWechatPayNotice;
import com.paycallback.sandbox.WechatPayNoticeSigner;
import com.paycallback.sandbox.WechatPayTransactions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** WeChat Pay and generic notices for HTTP tests, signed with keys generated at test time. */
public final class TestNotices {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestNotices() {}

  /** A decrypted WeChat Pay transaction of a successful payment, editable before signing. */
  public static Map<String, Object> wechatTransaction(
      String appId, String mchId, String transactionId, String orderNo, long totalFen) {
    return WechatPayTransactions.success(
        appId,
        mchId,
        transactionId,
        orderNo,
        totalFen,
        Instant.now(),
        "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
  }

  public static SignedWechatPayNotice wechatSigned(
      Map<String, Object> transaction,
      PrivateKey key,
      String serial,
      String apiV3Key,
      Clock clock) {
    return new WechatPayNoticeSigner(key, serial, apiV3Key.getBytes(StandardCharsets.UTF_8), clock)
        .sign(json(transaction));
  }

  /**
   * A WeChat Pay refund notice ({@code REFUND.<status>}) of the saga's full refund of a
   * transaction, its resource as WeChat Pay's plaintext reads once decrypted.
   */
  public static SignedWechatPayNotice wechatRefundSigned(
      String mchId,
      String transactionId,
      String orderNo,
      long fen,
      String status,
      PrivateKey key,
      String serial,
      String apiV3Key) {
    Map<String, Object> amount = new LinkedHashMap<>();
    amount.put("total", fen);
    amount.put("refund", fen);
    amount.put("payer_total", fen);
    amount.put("payer_refund", fen);
    Map<String, Object> refund = new LinkedHashMap<>();
    refund.put("mchid", mchId);
    refund.put("out_trade_no", orderNo);
    refund.put("transaction_id", transactionId);
    refund.put("out_refund_no", RefundRequest.keyOf(transactionId));
    refund.put("refund_id", "50300" + transactionId);
    refund.put("refund_status", status);
    if ("SUCCESS".equals(status)) {
      refund.put(
          "success_time",
          Instant.now().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.ofHours(8)).toString());
    }
    refund.put("user_received_account", "招商银行信用卡0403");
    refund.put("amount", amount);
    return new WechatPayNoticeSigner(
            key, serial, apiV3Key.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
        .sign("REFUND." + status, json(refund));
  }

  /** Signs any body, well-formed or not, as WeChat Pay would sign it. */
  public static WechatPayHeaders wechatSignature(byte[] body, PrivateKey key, String serial) {
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    String nonce = UUID.randomUUID().toString().replace("-", "");
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
      rsa.update(body);
      rsa.update((byte) '\n');
      return new WechatPayHeaders(
          timestamp,
          nonce,
          Base64.getEncoder().encodeToString(rsa.sign()),
          serial,
          "WECHATPAY2-SHA256-RSA2048");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static SignedWechatPayNotice withHeaders(
      SignedWechatPayNotice notice, Consumer<Map<String, String>> change) {
    Map<String, String> headers = new LinkedHashMap<>(notice.headers().asMap());
    change.accept(headers);
    return new SignedWechatPayNotice(notice.body(), WechatPayHeaders.from(headers::get));
  }

  /** The generic channel's body for a payment. */
  public static Map<String, Object> genericNotice(
      String transactionId, String orderNo, long amount) {
    Map<String, Object> notice = new LinkedHashMap<>();
    notice.put("transactionId", transactionId);
    notice.put("orderNo", orderNo);
    notice.put("amount", amount);
    notice.put("currency", "CNY");
    notice.put("status", "SUCCESS");
    notice.put("paidAt", Instant.now().toString());
    return notice;
  }

  public static Map<String, String> genericHeaders(String secret, Instant at, byte[] body) {
    return Map.of(HmacSignatureVerifier.HEADER, HmacSigner.signatureHeader(secret, at, body));
  }

  public static Clock clockOffBy(Duration offset) {
    return Clock.offset(Clock.systemUTC(), offset);
  }

  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
