package com.paycallback.bench;

import com.paycallback.gateway.wechatpay.WechatPayHeaders;
import com.paycallback.gateway.wechatpay.WechatPayNotification;
import com.paycallback.gateway.wechatpay.WechatPayResourceDecryptor;
import com.paycallback.gateway.wechatpay.WechatPaySignedRequest;
import com.paycallback.sandbox.WechatPaySandboxKeys;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
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
 * One genuine WeChat Pay notice signed {@code WECHATPAY2-SHA256-RSA2048} (platform public key mode)
 * with its resource in AEAD_AES_256_GCM. The signature alone is measured against bare JCA
 * SHA256withRSA over the same message; the signature and the decryption together (what the webhook
 * does before its business checks) against wechatpay-java's {@code NotificationParser.parse}, which
 * does both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WechatPayRsaBenchmark {

  WechatPayNotices wechatPay;
  WechatPayHeaders headers;
  byte[] body;
  byte[] signedMessage;
  byte[] signature;
  WechatPayResourceDecryptor decryptor;
  NotificationParser officialParser;
  RequestParam officialRequest;
  Signature rsa;

  @Setup
  public void setUp() throws GeneralSecurityException {
    wechatPay = new WechatPayNotices(WechatPaySandboxKeys.generateRsaKeyPair());
    headers = wechatPay.notice.headers();
    body = wechatPay.notice.body();
    signedMessage = wechatPay.signedMessage();
    signature = Base64.getDecoder().decode(headers.signature());
    decryptor = new WechatPayResourceDecryptor(wechatPay.apiV3Key);
    officialParser =
        new NotificationParser(
            new RSAPublicKeyNotificationConfig.Builder()
                .publicKey(wechatPay.platform.getPublic())
                .publicKeyId(WechatPayNotices.PUBLIC_KEY_ID)
                .apiV3Key(new String(wechatPay.apiV3Key, StandardCharsets.US_ASCII))
                .build());
    officialRequest =
        new RequestParam.Builder()
            .serialNumber(headers.serial())
            .nonce(headers.nonce())
            .signature(headers.signature())
            .signType(headers.signatureType())
            .timestamp(headers.timestamp())
            .body(new String(body, StandardCharsets.UTF_8))
            .build();
    rsa = Signature.getInstance("SHA256withRSA");
  }

  /** The signature headers checked against the raw body: the WeChat Pay webhook's first step. */
  @Benchmark
  public WechatPaySignedRequest verifier() {
    return wechatPay.verifier.verify(headers, body);
  }

  @Benchmark
  public boolean bareJca() throws GeneralSecurityException {
    rsa.initVerify(wechatPay.platform.getPublic());
    rsa.update(signedMessage);
    return rsa.verify(signature);
  }

  /** Signature, then the resource decrypted and read: what {@code NotificationParser} does. */
  @Benchmark
  public WechatPayNotification verifierAndDecryptor() {
    wechatPay.verifier.verify(headers, body);
    return decryptor.decrypt(body);
  }

  @Benchmark
  public Transaction officialSdk() {
    return officialParser.parse(officialRequest, Transaction.class);
  }
}
