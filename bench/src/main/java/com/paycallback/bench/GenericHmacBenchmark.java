package com.paycallback.bench;

import com.paycallback.gateway.generic.HmacSignatureVerifier;
import com.paycallback.gateway.generic.HmacSigner;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One genuine generic notice with {@code Paycallback-Signature: t=...,v1=...} under a secret made
 * up here, checked by the service's verifier and by bare JCA HmacSHA256 of {@code t.body} compared
 * in constant time, the Mac keyed once at setup. There is no official SDK for an in-house scheme.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GenericHmacBenchmark {

  String header;
  byte[] body;
  byte[] timestamp;
  byte[] expected;
  SecretKeySpec secret;
  HmacSignatureVerifier verifier;
  Mac hmac;

  @Setup
  public void setUp() throws GeneralSecurityException {
    byte[] secretBytes = new byte[32];
    new SecureRandom().nextBytes(secretBytes);
    String secretText = Base64.getEncoder().encodeToString(secretBytes);
    Instant signedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    body =
        """
        {"transactionId":"GT20261125000000000001","orderNo":"PO20261125000001","amount":12900,\
        "currency":"CNY","status":"SUCCESS","paidAt":"2026-11-25T07:59:58Z","payerId":"u-bob"}"""
            .getBytes(StandardCharsets.UTF_8);
    header = HmacSigner.signatureHeader(secretText, signedAt, body);
    timestamp = Long.toString(signedAt.getEpochSecond()).getBytes(StandardCharsets.US_ASCII);
    expected = HexFormat.of().parseHex(header.substring(header.indexOf("v1=") + 3));
    secret = new SecretKeySpec(secretText.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    // The clock stands still at signing time, so t stays fresh however long a run is.
    verifier =
        new HmacSignatureVerifier(
            List.of(secretText),
            HmacSignatureVerifier.DEFAULT_TOLERANCE,
            Clock.fixed(signedAt, ZoneOffset.UTC));
    // Keyed once, as the verifier's per-thread Macs are: this is the HMAC alone.
    hmac = Mac.getInstance("HmacSHA256");
    hmac.init(secret);
  }

  @Benchmark
  public HmacSignatureVerifier.Proof verifier() {
    return verifier.prove(header, body);
  }

  @Benchmark
  public boolean bareJca() {
    hmac.update(timestamp);
    hmac.update((byte) '.');
    hmac.update(body);
    return MessageDigest.isEqual(hmac.doFinal(), expected);
  }
}
