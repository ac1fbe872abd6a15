package com.paycallback.sandbox;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paycallback.crypto.RsaSigner;
import com.paycallback.crypto.Signer;
import com.paycallback.crypto.Sm2Signer;
import com.paycallback.crypto.Sm2Verifier;
import com.paycallback.gateway.wechatpay.WechatPayAead;
import com.paycallback.gateway.wechatpay.WechatPayHeaders;
import com.paycallback.gateway.wechatpay.WechatPayRefund;
import com.paycallback.gateway.wechatpay.WechatPaySignatureType;
import com.paycallback.gateway.wechatpay.WechatPaySignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Plays WeChat Pay's side of a payment notice, for the sandbox's simulated gateway: encrypts a
 * transaction with the APIv3 key and signs the body with a platform private key. An RSA key signs
 * {@code WECHATPAY2-SHA256-RSA2048} and encrypts AEAD_AES_256_GCM; an SM2 key signs {@code
 * WECHATPAY2-SM2-WITH-SM3} and encrypts AEAD_SM4_GCM.
 */
public final class WechatPayNoticeSigner {

  public static final String EVENT_TRANSACTION_SUCCESS = "TRANSACTION.SUCCESS";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  // WeChat Pay writes times in China Standard Time.
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  private final Signer signer;
  private final String serial;
  private final byte[] apiV3Key;
  private final WechatPaySignatureType type;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param privateKey the platform private key, RSA or SM2
   * @param serial what {@code Wechatpay-Serial} names it by: a public key id or a certificate
   *     serial
   * @param apiV3Key the merchant's 32-byte APIv3 key
   */
  public WechatPayNoticeSigner(PrivateKey privateKey, String serial, byte[] apiV3Key, Clock clock) {
    if (apiV3Key.length != WechatPayAead.API_V3_KEY_LENGTH) {
      throw new IllegalArgumentException("the WeChat Pay APIv3 key must be 32 bytes");
    }
    if (privateKey instanceof RSAPrivateKey) {
      this.type = WechatPaySignatureType.RSA;
      this.signer = new RsaSigner(privateKey);
    } else if (Sm2Verifier.isSm2(privateKey)) {
      this.type = WechatPaySignatureType.SM2;
      this.signer = new Sm2Signer(privateKey);
    } else {
      throw new IllegalArgumentException("the WeChat Pay signing key must be RSA or SM2");
    }
    this.serial = serial;
    this.apiV3Key = apiV3Key.clone();
    this.clock = clock;
  }

  public WechatPaySignatureType signatureType() {
    return type;
  }

  /** A {@code TRANSACTION.SUCCESS} notice carrying the transaction. */
  public SignedWechatPayNotice sign(String transactionJson) {
    return sign(EVENT_TRANSACTION_SUCCESS, transactionJson);
  }

  /**
   * A notice of the given event type carrying the resource, encrypted, with the associated data
   * {@code transaction} as WeChat Pay sends for payments, {@code refund} for {@code REFUND.*}
   * events.
   */
  public SignedWechatPayNotice sign(String eventType, String resourceJson) {
    return eventType.startsWith(WechatPayRefund.EVENT_TYPE_PREFIX)
        ? sign(eventType, "refund", "退款状态变更", resourceJson)
        : sign(eventType, "transaction", "支付成功", resourceJson);
  }

  /**
   * A notice of any kind: {@code originalType} names the resource ({@code transaction}, {@code
   * refund}) and is its associated data too, as WeChat Pay sends them.
   */
  public SignedWechatPayNotice sign(
      String eventType, String originalType, String summary, String resourceJson) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    byte[] body = encryptedBody(eventType, originalType, summary, resourceJson, now);
    return new SignedWechatPayNotice(body, signBody(body));
  }

  /**
   * The {@code Wechatpay-*} headers WeChat Pay puts on a body it sends: a notice, or an answer of
   * its API.
   */
  public WechatPayHeaders signBody(byte[] body) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String nonce = randomText(32);
    byte[] signature = signer.sign(WechatPaySignatureVerifier.message(timestamp, nonce, body));
    return new WechatPayHeaders(
        timestamp,
        nonce,
        Base64.getEncoder().encodeToString(signature),
        serial,
        type.headerValue());
  }

  private byte[] encryptedBody(
      String eventType, String originalType, String summary, String resourceJson, Instant now) {
    String associatedData = originalType;
    String nonce = randomText(12);
    byte[] ciphertext =
        WechatPayAead.encrypt(
            type.cipher(),
            apiV3Key,
            nonce.getBytes(StandardCharsets.UTF_8),
            associatedData.getBytes(StandardCharsets.UTF_8),
            resourceJson.getBytes(StandardCharsets.UTF_8));
    ObjectNode notice = JSON.createObjectNode();
    notice.put("id", UUID.randomUUID().toString());
    notice.put(
        "create_time",
        OffsetDateTime.ofInstant(now, CHINA).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    notice.put("resource_type", "encrypt-resource");
    notice.put("event_type", eventType);
    notice.put("summary", summary);
    ObjectNode resource = notice.putObject("resource");
    resource.put("original_type", originalType);
    resource.put("algorithm", type.cipher().name());
    resource.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
    resource.put("associated_data", associatedData);
    resource.put("nonce", nonce);
    return notice.toString().getBytes(StandardCharsets.UTF_8);
  }

  private String randomText(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return text.toString();
  }
}
