package com.paycallback.gateway.wechatpay;

import static com.paycallback.gateway.wechatpay.WechatPayTestData.NOW;
import static com.paycallback.gateway.wechatpay.WechatPayTestData.RSA_CERTIFICATE_MODE;
import static com.paycallback.gateway.wechatpay.WechatPayTestData.RSA_PUBLIC_KEY_MODE;
import static com.paycallback.gateway.wechatpay.WechatPayTestData.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paycallback.notice.ReasonCode;
import com.paycallback.sandbox.WechatPaySandboxKeys;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WechatPayKeyringTest {

  private static final X509Certificate CERTIFICATE =
      WechatPayTestKeys.selfSignedCertificate(
          RSA_CERTIFICATE_MODE, "Tenpay.com Root CA", NOW, Duration.ofDays(365));
  private static final String SERIAL = WechatPayTestKeys.serialOf(CERTIFICATE);
  private static final String KEY_ID = "PUB_KEY_ID_0112345678902025060100000000";

  private final WechatPayKeyring keyring =
      new WechatPayKeyring(
          Map.of(KEY_ID, WechatPaySandboxKeys.toPem(RSA_PUBLIC_KEY_MODE.getPublic())),
          List.of(WechatPaySandboxKeys.toPem(CERTIFICATE)));

  @Test
  void publicKeyIdsAndCertificateSerialsAreHeldAtOnce() {
    assertThat(keyring.keyFor(KEY_ID).key()).isEqualTo(RSA_PUBLIC_KEY_MODE.getPublic());
    assertThat(keyring.keyFor(SERIAL).key()).isEqualTo(RSA_CERTIFICATE_MODE.getPublic());
    assertThat(keyring.keyFor(SERIAL).type()).isEqualTo(WechatPaySignatureType.RSA);
    assertThat(keyring.serials()).containsExactly(KEY_ID, SERIAL);
  }

  @Test
  void certificateSerialMatchesInAnyCaseAndWithLeadingZeros() {
    assertThat(keyring.keyFor(SERIAL.toLowerCase(Locale.ROOT)).serial()).isEqualTo(SERIAL);
    assertThat(keyring.keyFor("00" + SERIAL).serial()).isEqualTo(SERIAL);
  }

  @Test
  void unknownSerialIsUnknownKey() {
    assertThat(rejection(() -> keyring.keyFor("PUB_KEY_ID_0000")))
        .isEqualTo(ReasonCode.UNKNOWN_KEY);
    assertThat(rejection(() -> keyring.keyFor("ABCDEF"))).isEqualTo(ReasonCode.UNKNOWN_KEY);
    assertThat(rejection(() -> keyring.keyFor(KEY_ID.toLowerCase(Locale.ROOT))))
        .isEqualTo(ReasonCode.UNKNOWN_KEY);
  }

  @Test
  void publicKeyMayBeGivenAsBareBase64() {
    String base64 =
        Base64.getEncoder().encodeToString(RSA_PUBLIC_KEY_MODE.getPublic().getEncoded());

    WechatPayKeyring bare = new WechatPayKeyring(Map.of(KEY_ID, base64), List.of());

    assertThat(bare.keyFor(KEY_ID).key()).isEqualTo(RSA_PUBLIC_KEY_MODE.getPublic());
  }

  @Test
  void sm2KeyIsRecognisedAsSm2() {
    String sm2 = WechatPaySandboxKeys.toPem(WechatPaySandboxKeys.generateSm2KeyPair().getPublic());

    assertThat(new WechatPayKeyring(Map.of(KEY_ID, sm2), List.of()).keyFor(KEY_ID).type())
        .isEqualTo(WechatPaySignatureType.SM2);
  }

  @Test
  void keyOnAnotherCurveIsAConfigurationError() throws Exception {
    KeyPairGenerator p256 = KeyPairGenerator.getInstance("EC");
    p256.initialize(new ECGenParameterSpec("secp256r1"));
    String pem = WechatPaySandboxKeys.toPem(p256.generateKeyPair().getPublic());

    assertThatThrownBy(() -> new WechatPayKeyring(Map.of(KEY_ID, pem), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(KEY_ID);
  }

  @Test
  void unreadablePemIsAConfigurationError() {
    assertThatThrownBy(() -> new WechatPayKeyring(Map.of(), List.of("-----BEGIN CERTIFICATE-----")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new WechatPayKeyring(
                    Map.of(KEY_ID, WechatPaySandboxKeys.toPem(CERTIFICATE)), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
