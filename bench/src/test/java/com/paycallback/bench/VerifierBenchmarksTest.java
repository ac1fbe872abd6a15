package com.paycallback.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paycallback.gateway.wechatpay.WechatPayHeaders;
import com.paycallback.gateway.wechatpay.WechatPaySignatureType;
import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.ReasonCode;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.RequestParam;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Each benchmark measures a genuine notice that every one of its contenders accepts, and a notice
 * altered after signing is refused by each of them: a benchmark of a verifier that refuses (or
 * accepts anything) would measure the wrong thing.
 */
class VerifierBenchmarksTest {

  @Test
  void alipayNoticeIsAcceptedByAllThreeAndRefusedByAllThreeOnceAltered() throws Exception {
    AlipayBenchmark alipay = new AlipayBenchmark();
    alipay.setUp();

    assertThat(alipay.verifier()).containsEntry("trade_status", "TRADE_SUCCESS");
    assertThat(alipay.bareJca()).isTrue();
    assertThat(alipay.officialSdk()).isTrue();

    alipay.params.put("total_amount", "0.01");
    alipay.signContent = altered(alipay.signContent);
    assertThat(reason(alipay::verifier)).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    assertThat(alipay.bareJca()).isFalse();
    assertThat(alipay.officialSdk()).isFalse();
  }

  @Test
  void wechatPayRsaNoticeIsAcceptedByAllAndRefusedByAllOnceAltered() throws Exception {
    WechatPayRsaBenchmark wechatPay = new WechatPayRsaBenchmark();
    wechatPay.setUp();

    assertThat(wechatPay.verifier().signatureType()).isEqualTo(WechatPaySignatureType.RSA);
    assertThat(wechatPay.bareJca()).isTrue();
    assertThat(wechatPay.verifierAndDecryptor().transaction().outTradeNo())
        .isEqualTo("PO20261125000001");
    assertThat(wechatPay.officialSdk().getOutTradeNo()).isEqualTo("PO20261125000001");

    wechatPay.body = altered(wechatPay.body);
    wechatPay.signedMessage = altered(wechatPay.signedMessage);
    wechatPay.officialRequest = officialRequest(wechatPay.headers, wechatPay.body);
    assertThat(reason(wechatPay::verifier)).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    assertThat(wechatPay.bareJca()).isFalse();
    assertThat(reason(wechatPay::verifierAndDecryptor)).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    assertThatThrownBy(wechatPay::officialSdk).isInstanceOf(ValidationException.class);
  }

  @Test
  void wechatPaySm2NoticeIsAcceptedByBothAndRefusedByBothOnceAltered() throws Exception {
    WechatPaySm2Benchmark wechatPay = new WechatPaySm2Benchmark();
    wechatPay.setUp();

    assertThat(wechatPay.verifier().signatureType()).isEqualTo(WechatPaySignatureType.SM2);
    assertThat(wechatPay.bareBouncyCastle()).isTrue();
    assertThat(wechatPay.verifierAndDecryptor().transaction().outTradeNo())
        .isEqualTo("PO20261125000001");

    wechatPay.body = altered(wechatPay.body);
    wechatPay.signedMessage = altered(wechatPay.signedMessage);
    assertThat(reason(wechatPay::verifier)).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    assertThat(wechatPay.bareBouncyCastle()).isFalse();
    assertThat(reason(wechatPay::verifierAndDecryptor)).isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void genericNoticeIsAcceptedByBothAndRefusedByBothOnceAltered() throws Exception {
    GenericHmacBenchmark generic = new GenericHmacBenchmark();
    generic.setUp();

    assertThat(generic.verifier().canonicalSignature()).isEqualTo(generic.expected);
    assertThat(generic.bareJca()).isTrue();

    generic.body = altered(generic.body);
    assertThat(reason(generic::verifier)).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    assertThat(generic.bareJca()).isFalse();
  }

  /** The same bytes with the last but one changed (the last is often a closing brace or \n). */
  private static byte[] altered(byte[] signed) {
    byte[] altered = Arrays.copyOf(signed, signed.length);
    altered[altered.length - 2] ^= 1;
    return altered;
  }

  private static RequestParam officialRequest(WechatPayHeaders headers, byte[] body) {
    return new RequestParam.Builder()
        .serialNumber(headers.serial())
        .nonce(headers.nonce())
        .signature(headers.signature())
        .signType(headers.signatureType())
        .timestamp(headers.timestamp())
        .body(new String(body, StandardCharsets.UTF_8))
        .build();
  }

  private static ReasonCode reason(Runnable verification) {
    try {
      verification.run();
    } catch (NoticeRejected rejected) {
      return rejected.reason();
    }
    throw new AssertionError("the altered notice was accepted");
  }
}
