package com.paycallback.notify.generic;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The gateway's side of {@code Paycallback-Signature}, for the sandbox and for tests. */
public final class HmacSigner {

  private static final String ALGORITHM = "HmacSHA256";

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
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      mac.update(body);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is in every JDK", e);
    }
  }
}
