package com.paycallback.gateway.generic;

import com.paycallback.crypto.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The signing side of {@code Paycallback-Signature}: our refund requests to the generic gateway,
 * and the simulated gateway's notices.
 */
public final class HmacSigner {

  /** Between {@code t} and the body in the signed message. */
  static final byte[] DOT = {'.'};

  private HmacSigner() {}

  /** {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} with one secret. */
  public static String signatureHeader(String secret, Instant at, byte[] body) {
    return signatureHeader(List.of(secret), at, body);
  }

  /** One {@code v1} per secret, as a gateway sends while a secret is being rotated. */
  public static String signatureHeader(List<String> secrets, Instant at, byte[] body) {
    String timestamp = Long.toString(at.getEpochSecond());
    StringBuilder header = new StringBuilder("t=").append(timestamp);
    for (String secret : secrets) {
      byte[] mac = hmac(secret.getBytes(StandardCharsets.UTF_8), timestamp, body);
      header.append(",v1=").append(HexFormat.of().formatHex(mac));
    }
    return header.toString();
  }

  /** HMAC-SHA256 of {@code timestamp + "." + body}, the body as raw bytes. */
  static byte[] hmac(byte[] secret, String timestamp, byte[] body) {
    return HmacSha256.mac(secret, timestamp.getBytes(StandardCharsets.US_ASCII), DOT, body);
  }
}
