package com.paycallback.refund;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A full refund of one transaction.
 *
 * @param channel the channel the buyer paid through
 * @param transactionId the gateway's transaction id
 * @param orderNo the shop's order number (the gateway's out_trade_no)
 * @param refundKey our idempotency key for this refund, derived from the transaction id
 * @param amount the amount to refund in minor units
 * @param total the transaction's total in minor units
 * @param currency ISO 4217 code
 * @param reason why, shown to the payer by some gateways
 */
public record RefundRequest(
    String channel,
    String transactionId,
    String orderNo,
    String refundKey,
    long amount,
    long total,
    String currency,
    String reason) {

  /**
   * The refund key of a transaction: {@code R} + its id, or a digest when that would exceed the 64
   * characters both Alipay's {@code out_request_no} and WeChat's {@code out_refund_no} allow. One
   * key per transaction: a transaction is refunded in full once or not at all.
   */
  public static String keyOf(String transactionId) {
    String key = "R" + transactionId;
    if (key.length() <= 64 && key.matches("[0-9A-Za-z_\\-]+")) {
      return key;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(transactionId.getBytes(StandardCharsets.UTF_8));
      return "R" + HexFormat.of().formatHex(digest).substring(0, 63);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
