package com.paycallback.gateway.wechatpay;

import com.paycallback.crypto.Verifier;
import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.ReasonCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Proves that a message from WeChat Pay API v3 — a notice, or the answer to one of our API calls —
 * was signed by a platform key the shop trusts, recently.
 *
 * <p>The signed message is {@code timestamp\nnonce\nbody\n} over the body's bytes as received
 * (WeChat Pay "签名验证"). Replay of a nonce is the caller's to check, against its own record, with the
 * nonce and timestamp returned here.
 */
public final class WechatPaySignatureVerifier {

  public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  /**
   * WeChat Pay sends probe notices whose signature starts with this, to check that merchants do
   * verify signatures; they must fail like any forged signature.
   */
  static final String SIGNATURE_PROBE_PREFIX = "WECHATPAY/SIGNTEST/";

  private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,11}");
  // WeChat Pay's nonces are 32 characters; the bound keeps the caller's replay table sane.
  private static final int MAX_NONCE_LENGTH = 64;

  private final WechatPayKeyring keyring;
  private final Duration maxClockSkew;
  private final Clock clock;

  /**
   * @param maxClockSkew how far {@code Wechatpay-Timestamp} may be from now, either way
   */
  public WechatPaySignatureVerifier(WechatPayKeyring keyring, Duration maxClockSkew, Clock clock) {
    if (maxClockSkew.isNegative() || maxClockSkew.isZero()) {
      throw new IllegalArgumentException("WeChat Pay max clock skew must be positive");
    }
    this.keyring = keyring;
    this.maxClockSkew = maxClockSkew;
    this.clock = clock;
  }

  public WechatPaySignatureVerifier(WechatPayKeyring keyring, Clock clock) {
    this(keyring, DEFAULT_MAX_CLOCK_SKEW, clock);
  }

  /**
   * Checks the notice's signature headers against its raw body.
   *
   * @throws NoticeRejected with {@link ReasonCode#SIGNATURE_MISSING} (a signature header absent or
   *     blank), {@link ReasonCode#MALFORMED} (timestamp not a number, nonce too long), {@link
   *     ReasonCode#STALE_TIMESTAMP} (too old or too far ahead), {@link ReasonCode#UNKNOWN_KEY}
   *     (serial not configured) or {@link ReasonCode#SIGNATURE_INVALID} (probe, not base64, unknown
   *     signature type, key of another algorithm, or simply wrong)
   */
  public WechatPaySignedRequest verify(WechatPayHeaders headers, byte[] body) {
    String timestamp = required(WechatPayHeaders.TIMESTAMP, headers.timestamp());
    String nonce = required(WechatPayHeaders.NONCE, headers.nonce());
    String signature = required(WechatPayHeaders.SIGNATURE, headers.signature());
    String serial = required(WechatPayHeaders.SERIAL, headers.serial());

    if (signature.startsWith(SIGNATURE_PROBE_PREFIX)) {
      throw new NoticeRejected(ReasonCode.SIGNATURE_INVALID, "WeChat Pay signature probe");
    }
    WechatPaySignatureType type = signatureType(headers.signatureType());
    Instant signedAt = freshTimestamp(timestamp);
    if (nonce.length() > MAX_NONCE_LENGTH) {
      throw new NoticeRejected(ReasonCode.MALFORMED, "Wechatpay-Nonce is too long");
    }
    byte[] signatureBytes = base64(signature);

    WechatPayPublicKey key = keyring.keyFor(serial);
    Verifier verifier = type.verifier();
    if (key.type() != type || !verifier.accepts(key.key())) {
      throw new NoticeRejected(
          ReasonCode.SIGNATURE_INVALID,
          "key " + serial + " is " + key.type() + ", signature type is " + type);
    }
    if (!verifier.verify(key.key(), message(timestamp, nonce, body), signatureBytes)) {
      throw new NoticeRejected(
          ReasonCode.SIGNATURE_INVALID, "WeChat Pay signature does not match key " + serial);
    }
    return new WechatPaySignedRequest(key.serial(), type, signedAt, nonce);
  }

  /** {@code timestamp\nnonce\nbody\n}, the body as the raw bytes received. */
  public static byte[] message(String timestamp, String nonce, byte[] body) {
    ByteArrayOutputStream message = new ByteArrayOutputStream(body.length + 64);
    message.writeBytes(timestamp.getBytes(StandardCharsets.UTF_8));
    message.write('\n');
    message.writeBytes(nonce.getBytes(StandardCharsets.UTF_8));
    message.write('\n');
    message.writeBytes(body);
    message.write('\n');
    return message.toByteArray();
  }

  private static String required(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new NoticeRejected(ReasonCode.SIGNATURE_MISSING, name + " header is missing");
    }
    return value;
  }

  private static WechatPaySignatureType signatureType(String header) {
    if (header == null) {
      return WechatPaySignatureType.RSA;
    }
    return WechatPaySignatureType.fromHeader(header)
        .orElseThrow(
            () ->
                new NoticeRejected(
                    ReasonCode.SIGNATURE_INVALID, "unsupported signature type " + header));
  }

  private Instant freshTimestamp(String timestamp) {
    if (!UNIX_SECONDS.matcher(timestamp).matches()) {
      throw new NoticeRejected(ReasonCode.MALFORMED, "Wechatpay-Timestamp is not unix seconds");
    }
    Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
    Duration skew = Duration.between(signedAt, clock.instant()).abs();
    if (skew.compareTo(maxClockSkew) > 0) {
      throw new NoticeRejected(
          ReasonCode.STALE_TIMESTAMP, "Wechatpay-Timestamp is " + skew + " away from now");
    }
    return signedAt;
  }

  private static byte[] base64(String signature) {
    try {
      byte[] decoded = Base64.getDecoder().decode(signature);
      if (decoded.length == 0) {
        throw new IllegalArgumentException("empty");
      }
      return decoded;
    } catch (IllegalArgumentException e) {
      throw new NoticeRejected(ReasonCode.SIGNATURE_INVALID, "Wechatpay-Signature is not base64");
    }
  }
}
