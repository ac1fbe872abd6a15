package com.paycallback.gateway.generic;

import com.paycallback.crypto.ConstantTime;
import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks {@code Paycallback-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}.
 *
 * <p>Several secrets may be configured and several {@code v1} values sent, so that a secret can be
 * rotated without a window in which either side's notices fail: one match is enough. Parts other
 * than {@code t} and {@code v1} are ignored, leaving room for a future scheme.
 */
public final class HmacSignatureVerifier {

  public static final String HEADER = "Paycallback-Signature";
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,11}");

  private final List<byte[]> secrets;
  private final Duration tolerance;
  private final Clock clock;

  /**
   * @param secrets the shared secrets, any of which may have signed
   * @param tolerance how far {@code t} may be from now, either way
   */
  public HmacSignatureVerifier(List<String> secrets, Duration tolerance, Clock clock) {
    if (secrets.isEmpty() || secrets.stream().anyMatch(s -> s == null || s.isEmpty())) {
      throw new IllegalArgumentException("at least one non-empty generic HMAC secret is needed");
    }
    if (tolerance.isNegative() || tolerance.isZero()) {
      throw new IllegalArgumentException("generic HMAC tolerance must be positive");
    }
    this.secrets = secrets.stream().map(secret -> secret.getBytes(StandardCharsets.UTF_8)).toList();
    this.tolerance = tolerance;
    this.clock = clock;
  }

  public HmacSignatureVerifier(List<String> secrets, Clock clock) {
    this(secrets, DEFAULT_TOLERANCE, clock);
  }

  /**
   * What a genuine signature header proves, independent of how the header was written.
   *
   * @param signedAt the signed time {@code t}
   * @param canonicalSignature the HMAC of {@code t.body} under the first configured secret: the
   *     same for every header that proves this {@code t} and body (spaces, order of the parts, a
   *     bogus extra {@code v1}, a dropped rotation {@code v1}), so the replay key built from it
   *     cannot be dodged by reformatting a captured header
   */
  public record Proof(Instant signedAt, byte[] canonicalSignature) {}

  /**
   * Proves the body was signed with one of the secrets, recently.
   *
   * @param header the {@code Paycallback-Signature} value, null when absent
   * @return the signed time {@code t}
   * @throws NoticeRejected {@link ReasonCode#SIGNATURE_MISSING} (no header, no {@code t} or no
   *     {@code v1}), {@link ReasonCode#MALFORMED} ({@code t} not unix seconds, or sent twice),
   *     {@link ReasonCode#STALE_TIMESTAMP} (outside the tolerance), {@link
   *     ReasonCode#SIGNATURE_INVALID} ({@code v1} not hex, or no match)
   */
  public Instant verify(String header, byte[] body) {
    return prove(header, body).signedAt();
  }

  /**
   * Like {@link #verify}, and gives back what the caller's replay key is built from.
   *
   * @throws NoticeRejected as {@link #verify} does
   */
  public Proof prove(String header, byte[] body) {
    if (header == null || header.isBlank()) {
      throw new NoticeRejected(ReasonCode.SIGNATURE_MISSING, HEADER + " header is missing");
    }
    String timestamp = null;
    List<String> candidates = new ArrayList<>();
    for (String part : header.split(",")) {
      int equals = part.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String name = part.substring(0, equals).strip();
      String value = part.substring(equals + 1).strip();
      if (name.equals("t")) {
        if (timestamp != null) {
          throw new NoticeRejected(ReasonCode.MALFORMED, HEADER + " carries t twice");
        }
        timestamp = value;
      } else if (name.equals("v1")) {
        candidates.add(value);
      }
    }
    if (timestamp == null || timestamp.isEmpty() || candidates.isEmpty()) {
      throw new NoticeRejected(ReasonCode.SIGNATURE_MISSING, HEADER + " lacks t or v1");
    }
    Instant signedAt = freshTimestamp(timestamp);
    List<byte[]> signatures = new ArrayList<>(candidates.size());
    for (String candidate : candidates) {
      signatures.add(hex(candidate));
    }

    boolean matched = false;
    byte[] canonical = null;
    for (byte[] secret : secrets) {
      byte[] expected = HmacSigner.hmac(secret, timestamp, body);
      if (canonical == null) {
        canonical = expected;
      }
      for (byte[] signature : signatures) {
        // Constant time, and no early exit: the position of a match reveals nothing.
        matched |= ConstantTime.equal(expected, signature);
      }
    }
    if (!matched) {
      throw new NoticeRejected(ReasonCode.SIGNATURE_INVALID, "no v1 matches any configured secret");
    }
    return new Proof(signedAt, canonical);
  }

  private Instant freshTimestamp(String timestamp) {
    if (!UNIX_SECONDS.matcher(timestamp).matches()) {
      throw new NoticeRejected(ReasonCode.MALFORMED, HEADER + " t is not unix seconds");
    }
    Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
    Duration skew = Duration.between(signedAt, clock.instant()).abs();
    if (skew.compareTo(tolerance) > 0) {
      throw new NoticeRejected(
          ReasonCode.STALE_TIMESTAMP, HEADER + " t is " + skew + " away from now");
    }
    return signedAt;
  }

  private static byte[] hex(String value) {
    try {
      if (value.isEmpty() || value.length() % 2 != 0) {
        throw new IllegalArgumentException("odd length");
      }
      return HexFormat.of().parseHex(value);
    } catch (IllegalArgumentException e) {
      throw new NoticeRejected(ReasonCode.SIGNATURE_INVALID, HEADER + " v1 is not hex");
    }
  }
}
