package com.paycallback.bench;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import com.paycallback.gateway.alipay.AlipaySignContent;
import com.paycallback.gateway.alipay.AlipaySignatureVerifier;
import com.paycallback.gateway.alipay.AlipayVerifiers;
import com.paycallback.sandbox.WechatPaySandboxKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * One genuine Alipay {@code TRADE_SUCCESS} notice, signed RSA2 by alipay-sdk-java with a key pair
 * generated here, checked three ways: the service's verifier (sign content built from the decoded
 * parameters, then SHA256withRSA), bare JCA SHA256withRSA over the sign content prepared in
 * advance, and the SDK's {@code rsaCheckV1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AlipayBenchmark {

  private static final Charset CHARSET = StandardCharsets.UTF_8;

  Map<String, String> params;
  byte[] signContent;
  byte[] signature;
  PublicKey alipayKey;
  String alipayKeyBase64;
  AlipaySignatureVerifier verifier;
  Signature rsa;

  @Setup
  public void setUp() throws AlipayApiException, GeneralSecurityException {
    KeyPair alipay = WechatPaySandboxKeys.generateRsaKeyPair();
    alipayKey = alipay.getPublic();
    alipayKeyBase64 = Base64.getEncoder().encodeToString(alipayKey.getEncoded());
    params = signed(paidNotice(), alipay);
    // The SDK drops sign and sign_type from the map it is given: it only ever gets copies.
    signContent = AlipaySignature.getSignCheckContentV1(new HashMap<>(params)).getBytes(CHARSET);
    signature = Base64.getMimeDecoder().decode(params.get("sign"));
    verifier = AlipayVerifiers.trusting(alipayKey);
    rsa = Signature.getInstance("SHA256withRSA");
  }

  /** What the Alipay webhook does with the notice's decoded form parameters. */
  @Benchmark
  public Map<String, String> verifier() {
    verifier.verify(params, CHARSET);
    return params;
  }

  @Benchmark
  public boolean bareJca() throws GeneralSecurityException {
    rsa.initVerify(alipayKey);
    rsa.update(signContent);
    return rsa.verify(signature);
  }

  /** A copy each time, as the SDK mutates its argument (17 entries: well under 1 % of the call). */
  @Benchmark
  public boolean officialSdk() throws AlipayApiException {
    return AlipaySignature.rsaCheckV1(
        new HashMap<>(params), alipayKeyBase64, CHARSET.name(), "RSA2");
  }

  /** Breakdown: the part of {@link #verifier} that is not the RSA check. */
  @Benchmark
  public byte[] signContent() {
    return AlipaySignContent.of(params).getBytes(CHARSET);
  }

  /** Breakdown: what {@link #officialSdk} does before the RSA check, the sign content. */
  @Benchmark
  public String officialSdkSignContent() {
    return AlipaySignature.getSignCheckContentV1(new HashMap<>(params));
  }

  /** Breakdown: what {@link #officialSdk} does before the RSA check, the key parsed from Base64. */
  @Benchmark
  public PublicKey officialSdkPublicKey() throws Exception {
    // The same code rsaCheckV1 runs on every call (RSAEncryptor.getPublicKeyFromX509).
    return AlipaySignature.getPublicKeyFromX509(
        "RSA", new ByteArrayInputStream(alipayKeyBase64.getBytes(StandardCharsets.US_ASCII)));
  }

  private static Map<String, String> paidNotice() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("notify_time", "2026-11-25 10:00:00");
    params.put("notify_type", "trade_status_sync");
    params.put("notify_id", "ac05099524730693a8b330c5ecf72da9786");
    params.put("charset", "utf-8");
    params.put("version", "1.0");
    params.put("sign_type", "RSA2");
    params.put("app_id", "2021000000000001");
    params.put("auth_app_id", "2021000000000001");
    params.put("seller_id", "2088000000000001");
    params.put("trade_no", "2026112522001400000000000001");
    params.put("out_trade_no", "PO20261125000001");
    params.put("trade_status", "TRADE_SUCCESS");
    params.put("total_amount", "129.00");
    params.put("receipt_amount", "129.00");
    params.put("buyer_id", "2088102122524333");
    params.put("subject", "龙井茶 Longjing tea");
    params.put("gmt_payment", "2026-11-25 09:59:58");
    return params;
  }

  private static Map<String, String> signed(Map<String, String> params, KeyPair alipay)
      throws AlipayApiException {
    Map<String, String> signed = new LinkedHashMap<>(params);
    signed.put(
        "sign",
        AlipaySignature.rsaSign(
            AlipaySignature.getSignCheckContentV1(new HashMap<>(params)),
            Base64.getEncoder().encodeToString(alipay.getPrivate().getEncoded()),
            CHARSET.name(),
            "RSA2"));
    return signed;
  }
}
