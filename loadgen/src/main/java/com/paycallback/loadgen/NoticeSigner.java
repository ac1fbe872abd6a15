package com.paycallback.loadgen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paycallback.loadgen.LoadOptions.Channel;
import com.paycallback.loadgen.ServiceClient.Order;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * Signs payment notices the way each gateway does (the same wire format as the service's simulated
 * gateways): Alipay's RSA2 form, WeChat Pay's encrypted resource signed with RSA or SM2 (its
 * resource sealed with AES-256-GCM or SM4-GCM), the generic channel's HMAC header. Every call signs
 * anew, with a fresh nonce and timestamp, as a gateway's retry is. A forged notice has the same
 * shape with a signature of random bytes.
 */
final class NoticeSigner {

  /** A notice ready to post. */
  record SignedNotice(
      Channel channel, String path, String contentType, Map<String, String> headers, byte[] body) {}

  /** SM2's default signer id (GB/T 35276), which WeChat Pay uses. */
  private static final byte[] SM2_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

  private static final DateTimeFormatter ALIPAY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final GatewayKeys keys;
  private final PrivateKey alipayKey;
  private final PrivateKey wechatPayRsaKey;
  private final AsymmetricKeyParameter wechatPaySm2Key;
  private final SecureRandom random = new SecureRandom();

  NoticeSigner(GatewayKeys keys) {
    this.keys = keys;
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      this.alipayKey =
          keys.alipayPrivateKey() == null
              ? null
              : rsa.generatePrivate(
                  new PKCS8EncodedKeySpec(Base64.getDecoder().decode(keys.alipayPrivateKey())));
      this.wechatPayRsaKey =
          keys.wechatPayRsaPrivateKey() == null
              ? null
              : rsa.generatePrivate(
                  new PKCS8EncodedKeySpec(
                      Base64.getDecoder().decode(keys.wechatPayRsaPrivateKey())));
      this.wechatPaySm2Key =
          keys.wechatPaySm2PrivateKey() == null
              ? null
              : PrivateKeyFactory.createKey(
                  Base64.getDecoder().decode(keys.wechatPaySm2PrivateKey()));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("unreadable signing key: " + e.getMessage(), e);
    }
  }

  /** Whether there is signing material for the channel. */
  boolean signs(Channel channel) {
    return switch (channel) {
      case ALIPAY -> alipayKey != null && keys.alipayAppId() != null;
      case WECHATPAY_RSA -> wechatPayRsaKey != null && keys.wechatPayApiV3Key() != null;
      case WECHATPAY_SM2 -> wechatPaySm2Key != null && keys.wechatPayApiV3Key() != null;
      case GENERIC -> keys.genericSecret() != null;
    };
  }

  /** A transaction id in the style of the channel's gateway. */
  String newTransactionId(Channel channel) {
    String digits = String.format("%020d", random.nextLong() & Long.MAX_VALUE);
    return switch (channel) {
      case WECHATPAY_RSA, WECHATPAY_SM2 -> "42000" + digits.substring(0, 3) + digits;
      case GENERIC -> "GEN" + digits;
      case ALIPAY -> "2026" + digits;
    };
  }

  SignedNotice genuine(Channel channel, Order order, String transactionId, Instant at) {
    return notice(channel, order, transactionId, at, false);
  }

  SignedNotice forged(Channel channel, Order order, String transactionId, Instant at) {
    return notice(channel, order, transactionId, at, true);
  }

  private SignedNotice notice(
      Channel channel, Order order, String transactionId, Instant at, boolean forged) {
    return switch (channel) {
      case ALIPAY -> alipay(order, transactionId, at, forged);
      case WECHATPAY_RSA, WECHATPAY_SM2 -> wechatPay(channel, order, transactionId, at, forged);
      case GENERIC -> generic(order, transactionId, at, forged);
    };
  }

  private SignedNotice generic(Order order, String transactionId, Instant at, boolean forged) {
    byte[] body = ServiceClient.notice(order, transactionId, at);
    long t = at.getEpochSecond();
    String mac;
    if (forged) {
      mac = HexFormat.of().formatHex(randomBytes(32));
    } else {
      try {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(
            new SecretKeySpec(keys.genericSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        hmac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        mac = HexFormat.of().formatHex(hmac.doFinal(body));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
    return new SignedNotice(
        Channel.GENERIC,
        "/notify/generic",
        "application/json",
        Map.of("Paycallback-Signature", "t=" + t + ",v1=" + mac),
        body);
  }

  private SignedNotice alipay(Order order, String transactionId, Instant at, boolean forged) {
    String now = LocalDateTime.ofInstant(at, ZoneId.of("Asia/Shanghai")).format(ALIPAY_TIME);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("notify_time", now);
    params.put("notify_type", "trade_status_sync");
    params.put("notify_id", "load" + Long.toUnsignedString(random.nextLong()));
    params.put("charset", "utf-8");
    params.put("version", "1.0");
    params.put("sign_type", "RSA2");
    params.put("app_id", keys.alipayAppId());
    params.put("seller_id", keys.alipaySellerId());
    params.put("trade_no", transactionId);
    params.put("out_trade_no", order.orderNo());
    params.put("trade_status", "TRADE_SUCCESS");
    params.put("total_amount", BigDecimal.valueOf(order.payable(), 2).toPlainString());
    params.put("buyer_id", "2088" + String.format("%012d", random.nextInt(1_000_000_000)));
    params.put("subject", "paycallback load order");
    params.put("gmt_payment", now);
    // Alipay signs every parameter but sign and sign_type, sorted, blank values left out.
    String content =
        new TreeMap<>(params)
            .entrySet().stream()
                .filter(e -> !e.getKey().equals("sign_type") && !e.getValue().isBlank())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    byte[] signature =
        forged ? randomBytes(256) : rsa(alipayKey, content.getBytes(StandardCharsets.UTF_8));
    params.put("sign", Base64.getEncoder().encodeToString(signature));
    String form =
        params.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return new SignedNotice(
        Channel.ALIPAY,
        "/notify/alipay",
        "application/x-www-form-urlencoded; charset=utf-8",
        Map.of(),
        form.getBytes(StandardCharsets.UTF_8));
  }

  private SignedNotice wechatPay(
      Channel channel, Order order, String transactionId, Instant at, boolean forged) {
    boolean sm2 = channel == Channel.WECHATPAY_SM2;
    Instant now = at.truncatedTo(ChronoUnit.SECONDS);
    byte[] body = wechatPayBody(sm2, wechatPayTransaction(order, transactionId, now), now);
    String timestamp = Long.toString(now.getEpochSecond());
    String nonce = randomText(32);
    byte[] message = wechatPayMessage(timestamp, nonce, body);
    byte[] signature;
    if (forged) {
      signature = randomBytes(sm2 ? 71 : 256);
    } else {
      signature = sm2 ? sm2(message) : rsa(wechatPayRsaKey, message);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Wechatpay-Serial", sm2 ? keys.wechatPaySm2KeyId() : keys.wechatPayRsaKeyId());
    headers.put("Wechatpay-Signature", Base64.getEncoder().encodeToString(signature));
    headers.put("Wechatpay-Timestamp", timestamp);
    headers.put("Wechatpay-Nonce", nonce);
    headers.put(
        "Wechatpay-Signature-Type", sm2 ? "WECHATPAY2-SM2-WITH-SM3" : "WECHATPAY2-SHA256-RSA2048");
    return new SignedNotice(channel, "/notify/wechatpay", "application/json", headers, body);
  }

  private String wechatPayTransaction(Order order, String transactionId, Instant now) {
    ObjectNode transaction = ServiceClient.JSON.createObjectNode();
    transaction.put("appid", keys.wechatPayAppId());
    transaction.put("mchid", keys.wechatPayMchId());
    transaction.put("out_trade_no", order.orderNo());
    transaction.put("transaction_id", transactionId);
    transaction.put("trade_type", "JSAPI");
    transaction.put("trade_state", "SUCCESS");
    transaction.put("trade_state_desc", "支付成功");
    transaction.put("bank_type", "OTHERS");
    transaction.put("success_time", now.atOffset(CHINA).toString());
    transaction.putObject("payer").put("openid", "oLoad" + randomText(12));
    ObjectNode amount = transaction.putObject("amount");
    amount.put("total", order.payable());
    amount.put("payer_total", order.payable());
    amount.put("currency", "CNY");
    amount.put("payer_currency", "CNY");
    return transaction.toString();
  }

  /** The notice body: the transaction sealed with the APIv3 key (SM4 under SM2, else AES). */
  private byte[] wechatPayBody(boolean sm2, String transactionJson, Instant now) {
    byte[] nonce = randomText(12).getBytes(StandardCharsets.UTF_8);
    byte[] associatedData = "transaction".getBytes(StandardCharsets.UTF_8);
    byte[] plaintext = transactionJson.getBytes(StandardCharsets.UTF_8);
    byte[] apiV3Key = keys.wechatPayApiV3Key().getBytes(StandardCharsets.UTF_8);
    byte[] ciphertext =
        sm2
            ? sm4Gcm(sm4Key(apiV3Key), nonce, associatedData, plaintext)
            : aesGcm(apiV3Key, nonce, associatedData, plaintext);
    ObjectNode notice = ServiceClient.JSON.createObjectNode();
    notice.put("id", UUID.randomUUID().toString());
    notice.put("create_time", now.atOffset(CHINA).toString());
    notice.put("resource_type", "encrypt-resource");
    notice.put("event_type", "TRANSACTION.SUCCESS");
    notice.put("summary", "支付成功");
    ObjectNode resource = notice.putObject("resource");
    resource.put("original_type", "transaction");
    resource.put("algorithm", sm2 ? "AEAD_SM4_GCM" : "AEAD_AES_256_GCM");
    resource.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
    resource.put("associated_data", "transaction");
    resource.put("nonce", new String(nonce, StandardCharsets.UTF_8));
    try {
      return ServiceClient.JSON.writeValueAsBytes(notice);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code timestamp\nnonce\nbody\n}: what WeChat Pay signs. */
  private static byte[] wechatPayMessage(String timestamp, String nonce, byte[] body) {
    ByteArrayOutputStream message = new ByteArrayOutputStream(body.length + 64);
    message.writeBytes(timestamp.getBytes(StandardCharsets.UTF_8));
    message.write('\n');
    message.writeBytes(nonce.getBytes(StandardCharsets.UTF_8));
    message.write('\n');
    message.writeBytes(body);
    message.write('\n');
    return message.toByteArray();
  }

  private static byte[] rsa(PrivateKey key, byte[] message) {
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(message);
      return rsa.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] sm2(byte[] message) {
    SM2Signer signer = new SM2Signer();
    signer.init(
        true, new ParametersWithID(new ParametersWithRandom(wechatPaySm2Key, random), SM2_USER_ID));
    signer.update(message, 0, message.length);
    try {
      return signer.generateSignature();
    } catch (CryptoException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] aesGcm(byte[] key, byte[] nonce, byte[] associatedData, byte[] plain) {
    try {
      Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
      aes.init(
          Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      aes.updateAAD(associatedData);
      return aes.doFinal(plain);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sm4Gcm(byte[] key, byte[] nonce, byte[] associatedData, byte[] plain) {
    GCMBlockCipher sm4 = (GCMBlockCipher) GCMBlockCipher.newInstance(new SM4Engine());
    sm4.init(true, new AEADParameters(new KeyParameter(key), 128, nonce, associatedData));
    byte[] out = new byte[sm4.getOutputSize(plain.length)];
    int written = sm4.processBytes(plain, 0, plain.length, out, 0);
    try {
      sm4.doFinal(out, written);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** WeChat Pay's SM4 key: the first 16 bytes of SM3 over the APIv3 key. */
  private static byte[] sm4Key(byte[] apiV3Key) {
    SM3Digest sm3 = new SM3Digest();
    sm3.update(apiV3Key, 0, apiV3Key.length);
    byte[] digest = new byte[sm3.getDigestSize()];
    sm3.doFinal(digest, 0);
    return Arrays.copyOf(digest, 16);
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private String randomText(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return text.toString();
  }
}
