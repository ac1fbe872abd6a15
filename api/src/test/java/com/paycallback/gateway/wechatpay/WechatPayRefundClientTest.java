package com.paycallback.gateway.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.gateway.FakeGateway;
import com.paycallback.refund.RefundFailed;
import com.paycallback.refund.RefundReceipt;
import com.paycallback.refund.RefundRequest;
import com.paycallback.sandbox.WechatPaySandboxKeys;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The WeChat Pay refund client against a local WeChat Pay that checks the {@code
 * WECHATPAY2-SHA256-RSA2048} Authorization header and signs its answers like the real one.
 */
class WechatPayRefundClientTest {

  private static final String MCH_ID = "1900000109";
  private static final String SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
  private static final String KEY_ID = "PUB_KEY_ID_0119000001092025";
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final KeyPair merchant = WechatPaySandboxKeys.generateRsaKeyPair();
  private final KeyPair wechat = WechatPaySandboxKeys.generateRsaKeyPair();
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, String> refunds = new ConcurrentHashMap<>();
  private FakeGateway gateway;

  @AfterEach
  void stop() {
    gateway.close();
  }

  private static boolean verifies(PublicKey key, String message, String signature)
      throws Exception {
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(key);
    rsa.update(message.getBytes(StandardCharsets.UTF_8));
    return rsa.verify(Base64.getDecoder().decode(signature));
  }

  private static String sign(PrivateKey key, String message) throws Exception {
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(key);
    rsa.update(message.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(rsa.sign());
  }

  private WechatPayRefundClient client(PrivateKey answerKey) {
    gateway =
        new FakeGateway(
            request -> {
              String authorization = request.headers().getOrDefault("Authorization", "");
              Map<String, String> auth = new LinkedHashMap<>();
              Matcher m = PARAM.matcher(authorization);
              while (m.find()) {
                auth.put(m.group(1), m.group(2));
              }
              String message =
                  request.method()
                      + "\n"
                      + request.path()
                      + "\n"
                      + auth.get("timestamp")
                      + "\n"
                      + auth.get("nonce_str")
                      + "\n"
                      + request.body()
                      + "\n";
              String body;
              int status;
              if (!authorization.startsWith("WECHATPAY2-SHA256-RSA2048 ")
                  || !MCH_ID.equals(auth.get("mchid"))
                  || !SERIAL.equals(auth.get("serial_no"))
                  || !verifies(merchant.getPublic(), message, auth.get("signature"))) {
                status = 401;
                body = "{\"code\":\"SIGN_ERROR\",\"message\":\"signature mismatch\"}";
              } else {
                JsonNode refund = json.readTree(request.body());
                String key = refund.get("out_refund_no").asText();
                // Idempotent on out_refund_no: a repeat returns the first refund.
                String refundId =
                    refunds.computeIfAbsent(key, k -> "50000000382019052709732678859");
                status = 200;
                body =
                    json.writeValueAsString(
                        Map.of(
                            "refund_id",
                            refundId,
                            "out_refund_no",
                            key,
                            "transaction_id",
                            refund.get("transaction_id").asText(),
                            "status",
                            "PROCESSING",
                            "amount",
                            refund.get("amount")));
              }
              String timestamp = Long.toString(Instant.now().getEpochSecond());
              String nonce = "593BEC0C930BF1AFEB40B4A08C8FB242";
              return new FakeGateway.Answer(
                  status,
                  Map.of(
                      "Content-Type", "application/json",
                      "Wechatpay-Serial", KEY_ID,
                      "Wechatpay-Timestamp", timestamp,
                      "Wechatpay-Nonce", nonce,
                      "Wechatpay-Signature",
                          sign(answerKey, timestamp + "\n" + nonce + "\n" + body + "\n")),
                  body);
            });
    return new WechatPayRefundClient(
        new WechatPayProperties(
            MCH_ID,
            null,
            null,
            Map.of(),
            List.of(),
            Duration.ofMinutes(5),
            List.of(),
            Base64.getEncoder().encodeToString(merchant.getPrivate().getEncoded()),
            SERIAL,
            gateway.uri("/")),
        new WechatPaySignatureVerifier(
            new WechatPayKeyring(
                Map.of(
                    KEY_ID,
                    "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder().encodeToString(wechat.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----"),
                List.of()),
            Clock.systemUTC()),
        HttpClient.newHttpClient(),
        Clock.systemUTC());
  }

  private static RefundRequest refund(String transactionId) {
    return new RefundRequest(
        "wechatpay",
        transactionId,
        "PO456",
        RefundRequest.keyOf(transactionId),
        880,
        880,
        "CNY",
        "settlement compensated");
  }

  @Test
  void signedRefundIsAcceptedAndARetryReturnsTheSameRefund() {
    WechatPayRefundClient client = client(wechat.getPrivate());

    RefundReceipt first = client.refund(refund("4200000000202611250000000001"));
    RefundReceipt again = client.refund(refund("4200000000202611250000000001"));

    assertThat(first).isEqualTo(new RefundReceipt("50000000382019052709732678859", "PROCESSING"));
    assertThat(again).isEqualTo(first);
    assertThat(refunds).containsOnlyKeys("R4200000000202611250000000001");
  }

  @Test
  void answerSignedWithAnotherKeyIsNotBelieved() {
    WechatPayRefundClient client = client(WechatPaySandboxKeys.generateRsaKeyPair().getPrivate());

    assertThatThrownBy(() -> client.refund(refund("4200000000202611250000000002")))
        .isInstanceOf(RefundFailed.class)
        .hasMessageContaining("valid signature");
  }
}
