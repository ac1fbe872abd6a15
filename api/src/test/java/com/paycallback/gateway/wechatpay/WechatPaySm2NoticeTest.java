package com.paycallback.gateway.wechatpay;

import static com.paycallback.gateway.wechatpay.WechatPayTestData.CLOCK;
import static com.paycallback.gateway.wechatpay.WechatPayTestData.NOW;
import static com.paycallback.gateway.wechatpay.WechatPayTestData.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.notice.PaymentNotice;
import com.paycallback.notice.ReasonCode;
import com.paycallback.sandbox.SignedWechatPayNotice;
import com.paycallback.sandbox.WechatPayNoticeSigner;
import com.paycallback.sandbox.WechatPaySandboxKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.junit.jupiter.api.Test;

/** The ShangMi variant: SM3withSM2 signatures and AEAD_SM4_GCM resources. */
class WechatPaySm2NoticeTest {

  private static final KeyPair SM2 = WechatPaySandboxKeys.generateSm2KeyPair();
  private static final KeyPair SM2_CERTIFIED = WechatPaySandboxKeys.generateSm2KeyPair();
  private static final X509Certificate CERTIFICATE =
      WechatPayTestKeys.selfSignedCertificate(
          SM2_CERTIFIED, "Tenpay SM2", NOW, Duration.ofDays(365));
  private static final String KEY_ID = WechatPayTestKeys.randomPublicKeyId();
  private static final byte[] API_V3_KEY = WechatPayTestKeys.randomApiV3Key();

  private final WechatPayKeyring keyring =
      new WechatPayKeyring(
          Map.of(KEY_ID, WechatPaySandboxKeys.toPem(SM2.getPublic())),
          List.of(WechatPaySandboxKeys.toPem(CERTIFICATE)));
  private final WechatPaySignatureVerifier authenticator =
      new WechatPaySignatureVerifier(keyring, CLOCK);
  private final WechatPayResourceDecryptor decryptor = new WechatPayResourceDecryptor(API_V3_KEY);

  private SignedWechatPayNotice sm2Notice(KeyPair keys, String serial) {
    return new WechatPayNoticeSigner(keys.getPrivate(), serial, API_V3_KEY, CLOCK)
        .sign(WechatPayTestData.transactionJson("SUCCESS"));
  }

  @Test
  void sm2NoticeWithPublicKeyIdVerifiesAndItsSm4ResourceDecrypts() {
    SignedWechatPayNotice notice = sm2Notice(SM2, KEY_ID);

    WechatPaySignedRequest signed = authenticator.verify(notice.headers(), notice.body());
    WechatPayNotification notification = decryptor.decrypt(notice.body());

    assertThat(notice.headers().signatureType()).isEqualTo("WECHATPAY2-SM2-WITH-SM3");
    assertThat(signed.signatureType()).isEqualTo(WechatPaySignatureType.SM2);
    assertThat(notification.algorithm()).isEqualTo(WechatPayCipherAlgorithm.AEAD_SM4_GCM);
    PaymentNotice paid = notification.toPaymentNotice();
    assertThat(paid.paid()).isTrue();
    assertThat(paid.amount()).isEqualTo(12900);
    assertThat(paid.orderNo()).isEqualTo("20250601000042");
  }

  @Test
  void sm2NoticeWithPlatformCertificateVerifies() {
    SignedWechatPayNotice notice =
        sm2Notice(SM2_CERTIFIED, WechatPayTestKeys.serialOf(CERTIFICATE));

    assertThat(authenticator.verify(notice.headers(), notice.body()).serial())
        .isEqualTo(WechatPayTestKeys.serialOf(CERTIFICATE));
  }

  @Test
  void signatureFromBouncyCastlesOwnSm2SignerWithTheDefaultUserIdVerifies() throws Exception {
    // An independent signer (BouncyCastle's low-level SM2Signer, not our JCA path) pins the
    // user id 1234567812345678 and the DER signature encoding.
    byte[] body = "{\"id\":\"sm2-independent\"}".getBytes(StandardCharsets.UTF_8);
    String timestamp = Long.toString(NOW.getEpochSecond());
    String nonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
    SM2Signer signer = new SM2Signer();
    signer.init(
        true,
        new ParametersWithID(
            PrivateKeyFactory.createKey(SM2.getPrivate().getEncoded()),
            "1234567812345678".getBytes(StandardCharsets.US_ASCII)));
    byte[] message =
        (timestamp + "\n" + nonce + "\n" + new String(body, StandardCharsets.UTF_8) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    signer.update(message, 0, message.length);
    String signature = Base64.getEncoder().encodeToString(signer.generateSignature());

    WechatPayHeaders headers =
        new WechatPayHeaders(timestamp, nonce, signature, KEY_ID, "WECHATPAY2-SM2-WITH-SM3");

    assertThat(authenticator.verify(headers, body).nonce()).isEqualTo(nonce);
  }

  @Test
  void tamperedSm2NoticeFails() {
    SignedWechatPayNotice notice = sm2Notice(SM2, KEY_ID);
    byte[] tampered =
        new String(notice.body(), StandardCharsets.UTF_8)
            .replace("TRANSACTION.SUCCESS", "TRANSACTION.SUCCESZ")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(rejection(() -> authenticator.verify(notice.headers(), tampered)))
        .isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void sm2SignatureSentAsRsaIsInvalid() {
    SignedWechatPayNotice notice = sm2Notice(SM2, KEY_ID);
    WechatPayHeaders h = notice.headers();
    WechatPayHeaders asRsa =
        new WechatPayHeaders(
            h.timestamp(), h.nonce(), h.signature(), h.serial(), "WECHATPAY2-SHA256-RSA2048");

    assertThat(rejection(() -> authenticator.verify(asRsa, notice.body())))
        .isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void sm2SignatureByAnotherKeyIsInvalid() {
    SignedWechatPayNotice notice = sm2Notice(SM2_CERTIFIED, KEY_ID);

    assertThat(rejection(() -> authenticator.verify(notice.headers(), notice.body())))
        .isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void sm4ResourceOpensOnlyWithTheRightApiV3Key() {
    SignedWechatPayNotice notice = sm2Notice(SM2, KEY_ID);
    WechatPayResourceDecryptor wrongKey =
        new WechatPayResourceDecryptor(WechatPayTestKeys.randomApiV3Key());

    assertThat(rejection(() -> wrongKey.decrypt(notice.body())))
        .isEqualTo(ReasonCode.DECRYPTION_FAILED);
  }
}
