package com.paycallback.bench;

import com.paycallback.crypto.BouncyCastle;
import com.paycallback.crypto.Sm2Verifier;
import com.paycallback.gateway.wechatpay.WechatPayHeaders;
import com.paycallback.gateway.wechatpay.WechatPayNotification;
import com.paycallback.gateway.wechatpay.WechatPayResourceDecryptor;
import com.paycallback.gateway.wechatpay.WechatPaySignedRequest;
import com.paycallback.sandbox.WechatPaySandboxKeys;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
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
 * One genuine WeChat Pay notice signed {@code WECHATPAY2-SM2-WITH-SM3} with its resource in
 * AEAD_SM4_GCM (the ShangMi variant), against bare BouncyCastle SM3withSM2 over the same message.
 * wechatpay-java has no SM2 notification parser, so there is no SDK figure here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WechatPaySm2Benchmark {

  WechatPayNotices wechatPay;
  WechatPayHeaders headers;
  byte[] body;
  byte[] signedMessage;
  byte[] signature;
  WechatPayResourceDecryptor decryptor;
  Signature sm2;

  @Setup
  public void setUp() throws GeneralSecurityException {
    wechatPay = new WechatPayNotices(WechatPaySandboxKeys.generateSm2KeyPair());
    headers = wechatPay.notice.headers();
    body = wechatPay.notice.body();
    signedMessage = wechatPay.signedMessage();
    signature = Base64.getDecoder().decode(headers.signature());
    decryptor = new WechatPayResourceDecryptor(wechatPay.apiV3Key);
    sm2 = Signature.getInstance(Sm2Verifier.ALGORITHM, BouncyCastle.PROVIDER);
  }

  @Benchmark
  public WechatPaySignedRequest verifier() {
    return wechatPay.verifier.verify(headers, body);
  }

  @Benchmark
  public boolean bareBouncyCastle() throws GeneralSecurityException {
    sm2.setParameter(new SM2ParameterSpec(Sm2Verifier.USER_ID));
    sm2.initVerify(wechatPay.platform.getPublic());
    sm2.update(signedMessage);
    return sm2.verify(signature);
  }

  @Benchmark
  public WechatPayNotification verifierAndDecryptor() {
    wechatPay.verifier.verify(headers, body);
    return decryptor.decrypt(body);
  }
}
