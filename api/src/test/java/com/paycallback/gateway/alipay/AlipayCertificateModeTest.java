package com.paycallback.gateway.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paycallback.gateway.wechatpay.WechatPayTestKeys;
import com.paycallback.notice.NoticeRejected;
import com.paycallback.sandbox.WechatPaySandboxKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

/** Certificate mode: the key comes from Alipay's public certificate, inline or by location. */
class AlipayCertificateModeTest {

  private static final KeyPair ALIPAY = AlipayNotices.newKeyPair();

  private static String certificatePem() {
    return WechatPaySandboxKeys.toPem(
        WechatPayTestKeys.selfSignedCertificate(
            ALIPAY,
            "Ant Financial Certification Authority Class 2 R1",
            Instant.now(),
            Duration.ofDays(1)));
  }

  @Test
  void noticeVerifiesWithTheKeyOfAnInlineCertificate() {
    PublicKey key = AlipayConfig.certificateKey(certificatePem(), new DefaultResourceLoader());
    Map<String, String> notice =
        AlipayNotices.signed(AlipayNotices.paid("2021", "2088", "T1", "PO1", "1.00"), ALIPAY);

    new AlipaySignatureVerifier(new AlipayKeys(List.of(key)))
        .verify(notice, StandardCharsets.UTF_8);
  }

  @Test
  void certificateIsReadFromAFileLocation(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("alipayCertPublicKey_RSA2.crt");
    Files.writeString(file, certificatePem());

    PublicKey key = AlipayConfig.certificateKey("file:" + file, new DefaultResourceLoader());

    assertThat(key.getEncoded()).isEqualTo(ALIPAY.getPublic().getEncoded());
  }

  @Test
  void noticeSignedByAnotherKeyFailsAgainstTheCertificate() {
    PublicKey key = AlipayConfig.certificateKey(certificatePem(), new DefaultResourceLoader());
    Map<String, String> notice =
        AlipayNotices.signed(
            AlipayNotices.paid("2021", "2088", "T1", "PO1", "1.00"), AlipayNotices.newKeyPair());

    assertThatThrownBy(
            () ->
                new AlipaySignatureVerifier(new AlipayKeys(List.of(key)))
                    .verify(notice, StandardCharsets.UTF_8))
        .isInstanceOf(NoticeRejected.class);
  }

  @Test
  void unreadableCertificateStopsStartUp() {
    assertThatThrownBy(
            () -> AlipayConfig.certificateKey("classpath:no-such.crt", new DefaultResourceLoader()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("public-cert");
  }
}
