package com.paycallback.gateway.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.internal.util.AntCertificationUtil;
import com.paycallback.gateway.GatewayAnswerForged;
import com.paycallback.gateway.GatewayCallFailed;
import com.paycallback.gateway.TradeState;
import com.paycallback.gateway.wechatpay.WechatPayTestKeys;
import com.paycallback.notice.NoticeRejected;
import com.paycallback.sandbox.WechatPaySandboxKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Certificate mode: the key comes from Alipay's public certificate, inline or by location, and
 * every OpenAPI call names the app's and the root's certificate SNs exactly as alipay-sdk-java
 * computes them.
 */
class AlipayCertificateModeTest {

  private static final KeyPair ALIPAY = AlipayNotices.newKeyPair();

  private static String pem(KeyPair key, String commonName) {
    return WechatPaySandboxKeys.toPem(
        WechatPayTestKeys.selfSignedCertificate(
            key, commonName, Instant.now(), Duration.ofDays(1)));
  }

  /** A root chain like Alipay's: RSA certificates and an SM2 one the SN leaves out. */
  private static String rootChainPem() {
    return pem(AlipayNotices.newKeyPair(), "Ant Financial Certification Authority R1")
        + pem(WechatPaySandboxKeys.generateSm2KeyPair(), "Ant Financial Certification Authority E1")
        + pem(AlipayNotices.newKeyPair(), "Ant Financial Certification Authority Class 2 R1");
  }

  private static AlipayProperties certificateMode(
      String appCert, String rootCert, String publicCert) {
    return new AlipayProperties(
        FakeAlipay.APP_ID, null, List.of(), publicCert, appCert, rootCert, List.of(), null, null);
  }

  @Test
  void serialNumbersEqualTheSdks(@TempDir Path dir) throws Exception {
    String appCert =
        pem(AlipayNotices.newKeyPair(), "Ant Financial Certification Authority Class 1 R1");
    String rootChain = rootChainPem();
    Path appCertFile = dir.resolve("appCertPublicKey_" + FakeAlipay.APP_ID + ".crt");
    Files.writeString(appCertFile, appCert);
    Path alipayCertFile = dir.resolve("alipayCertPublicKey_RSA2.crt");
    Files.writeString(alipayCertFile, certificatePem());

    AlipayCertificates sns =
        AlipayCertificates.configured(
            certificateMode("file:" + appCertFile, rootChain, "file:" + alipayCertFile),
            new DefaultResourceLoader());

    assertThat(sns.appCertSn()).isEqualTo(AlipaySignature.getCertSN(appCertFile.toString()));
    assertThat(sns.alipayCertSn()).isEqualTo(AlipaySignature.getCertSN(alipayCertFile.toString()));
    assertThat(sns.rootCertSn())
        .isEqualTo(AntCertificationUtil.getRootCertSN(rootChain))
        .matches("[0-9a-f]{32}_[0-9a-f]{32}");
  }

  @Test
  void everyCallNamesTheCertificatesAndTheAnswerMustNameAlipays() {
    AlipayCertificates sns =
        AlipayCertificates.configured(
            certificateMode(
                pem(AlipayNotices.newKeyPair(), "Ant Financial Certification Authority Class 1 R1"),
                rootChainPem(),
                certificatePem()),
            new DefaultResourceLoader());
    try (FakeAlipay alipay =
        new FakeAlipay(
            call ->
                FakeAlipay.success(
                    "out_trade_no",
                    call.biz().get("out_trade_no").asText(),
                    "trade_status",
                    "WAIT_BUYER_PAY"))) {
      alipay.expectedAppCertSn = sns.appCertSn();
      alipay.expectedRootCertSn = sns.rootCertSn();
      alipay.alipayCertSn = sns.alipayCertSn();
      AlipayTradeQueries queries = new AlipayTradeQueries(alipay.openApi(sns), Clock.systemUTC());

      assertThat(queries.query("PO1").state()).isEqualTo(TradeState.NOT_PAID);
      queries.close("PO1");

      alipay.alipayCertSn = "0123456789abcdef0123456789abcdef";
      assertThatThrownBy(() -> queries.query("PO1"))
          .isInstanceOf(GatewayAnswerForged.class)
          .hasMessageContaining("certificate");
      alipay.alipayCertSn = sns.alipayCertSn();
      AlipayTradeQueries publicKeyMode =
          new AlipayTradeQueries(alipay.openApi(null), Clock.systemUTC());
      // Without the SNs Alipay refuses a certificate-mode app's call.
      assertThatThrownBy(() -> publicKeyMode.query("PO1"))
          .isInstanceOf(GatewayCallFailed.class)
          .hasMessageContaining("isv.cert-sn-mismatch");
    }
  }

  @Test
  void halfConfiguredCertificateModeStopsStartUp() {
    assertThatThrownBy(
            () ->
                AlipayCertificates.configured(
                    certificateMode(certificatePem(), null, certificatePem()),
                    new DefaultResourceLoader()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("root-cert");
    assertThatThrownBy(
            () ->
                AlipayCertificates.configured(
                    certificateMode(certificatePem(), rootChainPem(), null),
                    new DefaultResourceLoader()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("public-cert");
    assertThat(
            AlipayCertificates.configured(
                certificateMode(null, null, certificatePem()), new DefaultResourceLoader()))
        .isNull();
  }

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
