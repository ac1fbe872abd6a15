package com.paycallback.gateway.generic;

import com.paycallback.crypto.ConstantTime;
import com.paycallback.crypto.HmacSha256;
import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

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

  private static final int MAX_TIMESTAMP_DIGITS = 11;

  private final List<HmacSha256> secrets;
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
    this.secrets =
        secrets.stream()
            .map(secret -> HmacSha256.keyed(secret.getBytes(StandardCharsets.UTF_8)))
            .toList();
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
    // Read in place, one comma-separated part at a time: every notice passes through here, and
    // splitting and trimming copies cost as much as the HMAC itself.
    int timestampFrom = -1;
    int timestampTo = -1;
    int[] candidates = new int[4];
    int candidateEnds = 0;
    for (int from = 0; from <= header.length(); ) {
      int comma = header.indexOf(',', from);
      int to = comma < 0 ? header.length() : comma;
      int equals = header.indexOf('=', from);
      if (equals >= 0 && equals < to) {
        int nameFrom = stripStart(header, from, equals);
        int nameTo = stripEnd(header, nameFrom, equals);
        int valueFrom = stripStart(header, equals + 1, to);
        int valueTo = stripEnd(header, valueFrom, to);
        if (is(header, nameFrom, nameTo, "t")) {
          if (timestampFrom >= 0) {
            throw new NoticeRejected(ReasonCode.MALFORMED, HEADER + " carries t twice");
          }
          timestampFrom = valueFrom;
          timestampTo = valueTo;
        } else if (is(header, nameFrom, nameTo, "v1")) {
          if (candidateEnds == candidates.length) {
            candidates = Arrays.copyOf(candidates, candidates.length * 2);
          }
          candidates[candidateEnds++] = valueFrom;
          candidates[candidateEnds++] = valueTo;
        }
      }
      from = to + 1;
    }
    if (timestampFrom < 0 || timestampFrom == timestampTo || candidateEnds == 0) {
      throw new NoticeRejected(ReasonCode.SIGNATURE_MISSING, HEADER + " lacks t or v1");
    }
    byte[] timestamp = unixSeconds(header, timestampFrom, timestampTo);
    Instant signedAt = fresh(timestamp);
    byte[][] signatures = new byte[candidateEnds / 2][];
    for (int i = 0; i < signatures.length; i++) {
      signatures[i] = hex(header, candidates[2 * i], candidates[2 * i + 1]);
    }

    boolean matched = false;
    byte[] canonical = null;
    for (HmacSha256 secret : secrets) {
      byte[] expected = secret.of(timestamp, HmacSigner.DOT, body);
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

  /** The digits of {@code t} as sent (1 to 11 ASCII digits), the bytes the HMAC covers. */
  private static byte[] unixSeconds(String header, int from, int to) {
    if (to - from > MAX_TIMESTAMP_DIGITS) {
      throw new NoticeRejected(ReasonCode.MALFORMED, HEADER + " t is not unix seconds");
    }
    byte[] digits = new byte[to - from];
    for (int i = from; i < to; i++) {
      char c = header.charAt(i);
      if (c < '0' || c > '9') {
        throw new NoticeRejected(ReasonCode.MALFORMED, HEADER + " t is not unix seconds");
      }
      digits[i - from] = (byte) c;
    }
    return digits;
  }

  private Instant fresh(byte[] digits) {
    long seconds = 0;
    for (byte digit : digits) {
      seconds = seconds * 10 + (digit - '0');
    }
    Instant now = clock.instant();
    // t is whole seconds: the same as Duration.between(t, now), without its exact-nanos attempt.
    Duration skew = Duration.ofSeconds(now.getEpochSecond() - seconds, now.getNano()).abs();
    if (skew.compareTo(tolerance) > 0) {
      throw new NoticeRejected(
          ReasonCode.STALE_TIMESTAMP, HEADER + " t is " + skew + " away from now");
    }
    return Instant.ofEpochSecond(seconds);
  }

  /**
   * The bytes a {@code v1} spells in hex, either case. Decoded by hand from the header: {@code
   * HexFormat} per character was the largest cost of the check after the HMAC.
   */
  private static byte[] hex(String header, int from, int to) {
    if (from == to || (to - from) % 2 != 0) {
      throw new NoticeRejected(ReasonCode.SIGNATURE_INVALID, HEADER + " v1 is not hex");
    }
    byte[] bytes = new byte[(to - from) / 2];
    for (int i = 0; i < bytes.length; i++) {
      int high = hexDigit(header.charAt(from + 2 * i));
      int low = hexDigit(header.charAt(from + 2 * i + 1));
      if ((high | low) < 0) {
        throw new NoticeRejected(ReasonCode.SIGNATURE_INVALID, HEADER + " v1 is not hex");
      }
      bytes[i] = (byte) (high << 4 | low);
    }
    return bytes;
  }

  /** The value of a hex digit, -1 for any other character. */
  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** Whether {@code header[from, to)} is {@code name}. */
  private static boolean is(String header, int from, int to, String name) {
    return to - from == name.length() && header.startsWith(name, from);
  }

  /** Where {@code header[from, to)} starts once leading whitespace is dropped, as strip does. */
  private static int stripStart(String header, int from, int to) {
    while (from < to && Character.isWhitespace(header.charAt(from))) {
      from++;
    }
    return from;
  }

  /** Where {@code header[from, to)} ends once trailing whitespace is dropped, as strip does. */
  private static int stripEnd(String header, int from, int to) {
    while (to > from && Character.isWhitespace(header.charAt(to - 1))) {
      to--;
    }
    return to;
  }
}
