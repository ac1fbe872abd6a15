package com.paycallback.gateway.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.gateway.GatewayAnswerForged;
import com.paycallback.gateway.GatewayCallFailed;
import com.paycallback.gateway.TradeAnswer;
import com.paycallback.gateway.TradeState;
import com.paycallback.notice.PaymentNotice;
import com.paycallback.sandbox.WechatPayNoticeSigner;
import com.paycallback.sandbox.WechatPaySandboxKeys;
import com.paycallback.sandbox.WechatPayTransactions;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WeChat Pay's trade query and close (issue 10) against a local WeChat Pay that checks our
 * Authorization and signs its answers like the real one: RSA and SM2 platform keys by public key
 * id, and an RSA platform certificate by serial.
 */
class WechatPayTradeQueriesTest {

  private static final String ORDER_NO = "PO20261201000001";
  private static final String TRANSACTION_ID = "4200000000202612010000000001";
  private static final byte[] API_V3_KEY = WechatPayTestKeys.randomApiV3Key();

  private static final KeyPair RSA_KEY = WechatPaySandboxKeys.generateRsaKeyPair();
  private static final String RSA_KEY_ID = WechatPayTestKeys.randomPublicKeyId();
  private static final KeyPair SM2_KEY = WechatPaySandboxKeys.generateSm2KeyPair();
  private static final String SM2_KEY_ID = WechatPayTestKeys.randomPublicKeyId();
  private static final KeyPair CERTIFICATE_KEY = WechatPaySandboxKeys.generateRsaKeyPair();
  private static final X509Certificate CERTIFICATE =
      WechatPayTestKeys.selfSignedCertificate(
          CERTIFICATE_KEY, "Tenpay.com Root CA", Instant.now(), Duration.ofDays(30));
  private static final WechatPayKeyring TRUSTED =
      new WechatPayKeyring(
          Map.of(
              RSA_KEY_ID, WechatPaySandboxKeys.toPem(RSA_KEY.getPublic()),
              SM2_KEY_ID, WechatPaySandboxKeys.toPem(SM2_KEY.getPublic())),
          List.of(WechatPaySandboxKeys.toPem(CERTIFICATE)));
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicReference<LocalWechatPay.Reply> reply = new AtomicReference<>();
  private LocalWechatPay wechatPay;

  @AfterEach
  void stop() {
    wechatPay.close();
  }

  private WechatPayNoticeSigner signer(String signedBy) {
    return switch (signedBy) {
      case "SM2" ->
          new WechatPayNoticeSigner(
              SM2_KEY.getPrivate(), SM2_KEY_ID, API_V3_KEY, Clock.systemUTC());
      case "CERTIFICATE" ->
          new WechatPayNoticeSigner(
              CERTIFICATE_KEY.getPrivate(),
              WechatPayTestKeys.serialOf(CERTIFICATE),
              API_V3_KEY,
              Clock.systemUTC());
      default ->
          new WechatPayNoticeSigner(
              RSA_KEY.getPrivate(), RSA_KEY_ID, API_V3_KEY, Clock.systemUTC());
    };
  }

  private WechatPayTradeQueries queries(String signedBy) {
    wechatPay = new LocalWechatPay(signer(signedBy), request -> reply.get());
    return new WechatPayTradeQueries(wechatPay.api(TRUSTED), LocalWechatPay.APP_ID);
  }

  private String transaction(String tradeState) throws Exception {
    Map<String, Object> transaction =
        WechatPayTransactions.success(
            LocalWechatPay.APP_ID,
            LocalWechatPay.MCH_ID,
            TRANSACTION_ID,
            ORDER_NO,
            8800,
            Instant.parse("2026-12-01T02:00:00Z"),
            "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    transaction.put("trade_state", tradeState);
    return json.writeValueAsString(transaction);
  }

  @ParameterizedTest(name = "signed with {0}")
  @ValueSource(strings = {"RSA", "SM2", "CERTIFICATE"})
  void paidTradeIsReadLikeANotice(String signedBy) throws Exception {
    WechatPayTradeQueries queries = queries(signedBy);
    reply.set(new LocalWechatPay.Reply(200, transaction("SUCCESS")));

    TradeAnswer answer = queries.query(ORDER_NO);

    assertThat(answer.state()).isEqualTo(TradeState.PAID);
    assertThat(answer.gatewayState()).isEqualTo("SUCCESS");
    assertThat(answer.payment())
        .isEqualTo(
            new PaymentNotice(
                "wechatpay",
                TRANSACTION_ID,
                ORDER_NO,
                8800,
                "CNY",
                true,
                "SUCCESS",
                Instant.parse("2026-12-01T02:00:00Z"),
                "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
    LocalWechatPay.Received request = wechatPay.received.get(0);
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.pathAndQuery())
        .isEqualTo("/v3/pay/transactions/out-trade-no/" + ORDER_NO + "?mchid=1900000109");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "REFUND,PAID",
    "NOTPAY,NOT_PAID",
    "USERPAYING,NOT_PAID",
    "CLOSED,CLOSED",
    "REVOKED,CLOSED",
    "PAYERROR,CLOSED"
  })
  void tradeStatesMapToTheShopsTerms(String tradeState, TradeState expected) throws Exception {
    WechatPayTradeQueries queries = queries("RSA");
    reply.set(new LocalWechatPay.Reply(200, transaction(tradeState)));

    TradeAnswer answer = queries.query(ORDER_NO);

    assertThat(answer.state()).isEqualTo(expected);
    assertThat(answer.gatewayState()).isEqualTo(tradeState);
    if (expected == TradeState.PAID) {
      assertThat(answer.payment().amount()).isEqualTo(8800);
      assertThat(answer.payment().paid()).isTrue();
    }
  }

  @Test
  void orderWechatPayNeverSawIsNotPaid() {
    WechatPayTradeQueries queries = queries("SM2");
    reply.set(
        new LocalWechatPay.Reply(404, "{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"订单不存在\"}"));

    assertThat(queries.query(ORDER_NO))
        .isEqualTo(TradeAnswer.unpaid(TradeState.NOT_PAID, "ORDER_NOT_EXIST"));
  }

  @Test
  void answerSignedByAStrangerIsRefusedAsForged() throws Exception {
    WechatPayTradeQueries queries = queries("RSA");
    wechatPay.signAnswersWith(
        new WechatPayNoticeSigner(
            WechatPaySandboxKeys.generateRsaKeyPair().getPrivate(),
            RSA_KEY_ID,
            API_V3_KEY,
            Clock.systemUTC()));
    reply.set(new LocalWechatPay.Reply(200, transaction("SUCCESS")));

    assertThatThrownBy(() -> queries.query(ORDER_NO))
        .isInstanceOf(GatewayAnswerForged.class)
        .hasMessageContaining("SIGNATURE_INVALID");
  }

  @Test
  void unsignedAnswerIsRefusedAsForged() {
    WechatPayTradeQueries queries = queries("RSA");
    wechatPay.signAnswersWith(null);
    reply.set(
        new LocalWechatPay.Reply(404, "{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"订单不存在\"}"));

    assertThatThrownBy(() -> queries.query(ORDER_NO))
        .isInstanceOf(GatewayAnswerForged.class)
        .hasMessageContaining("SIGNATURE_MISSING");
  }

  @Test
  void staleAnswerIsRefusedAsForged() throws Exception {
    WechatPayTradeQueries queries = queries("RSA");
    wechatPay.signAnswersWith(
        new WechatPayNoticeSigner(
            RSA_KEY.getPrivate(),
            RSA_KEY_ID,
            API_V3_KEY,
            Clock.fixed(Instant.now().minus(10, ChronoUnit.MINUTES), ZoneOffset.UTC)));
    reply.set(new LocalWechatPay.Reply(200, transaction("SUCCESS")));

    assertThatThrownBy(() -> queries.query(ORDER_NO))
        .isInstanceOf(GatewayAnswerForged.class)
        .hasMessageContaining("STALE_TIMESTAMP");
  }

  @Test
  void genuineAnswerAboutAnotherMerchantIsNotBelieved() throws Exception {
    WechatPayTradeQueries queries = queries("RSA");
    reply.set(
        new LocalWechatPay.Reply(
            200, transaction("SUCCESS").replace("\"1900000109\"", "\"1900000999\"")));

    assertThatThrownBy(() -> queries.query(ORDER_NO))
        .isInstanceOf(GatewayCallFailed.class)
        .isNotInstanceOf(GatewayAnswerForged.class)
        .hasMessageContaining("another merchant");
  }

  @Test
  void serverErrorIsAFailedCallWhateverItCarries() {
    WechatPayTradeQueries queries = queries("RSA");
    wechatPay.signAnswersWith(null);
    reply.set(new LocalWechatPay.Reply(502, ""));

    assertThatThrownBy(() -> queries.query(ORDER_NO))
        .isInstanceOf(GatewayCallFailed.class)
        .isNotInstanceOf(GatewayAnswerForged.class)
        .hasMessageContaining("HTTP 502");
  }

  @Test
  void closeSendsOurMerchantIdAndTakesTheSigned204() throws Exception {
    WechatPayTradeQueries queries = queries("SM2");
    reply.set(new LocalWechatPay.Reply(204, ""));

    queries.close(ORDER_NO);

    LocalWechatPay.Received request = wechatPay.received.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.pathAndQuery())
        .isEqualTo("/v3/pay/transactions/out-trade-no/" + ORDER_NO + "/close");
    assertThat(json.readTree(request.body()))
        .isEqualTo(json.readTree("{\"mchid\":\"1900000109\"}"));
  }

  @Test
  void closeOfAPaidTradeFails() {
    WechatPayTradeQueries queries = queries("RSA");
    reply.set(new LocalWechatPay.Reply(400, "{\"code\":\"ORDERPAID\",\"message\":\"订单已支付\"}"));

    assertThatThrownBy(() -> queries.close(ORDER_NO))
        .isInstanceOf(GatewayCallFailed.class)
        .hasMessageContaining("ORDERPAID");
  }

  @Test
  void unsignedCloseAnswerIsRefusedAsForged() {
    WechatPayTradeQueries queries = queries("RSA");
    wechatPay.signAnswersWith(null);
    reply.set(new LocalWechatPay.Reply(204, ""));

    assertThatThrownBy(() -> queries.close(ORDER_NO)).isInstanceOf(GatewayAnswerForged.class);
  }

  @Test
  void refusalOfARequestNotSignedByOurMerchantKeyIsAFailedCall() {
    queries("RSA");
    WechatPayApi stranger =
        new WechatPayApi(
            new WechatPayMerchant(
                LocalWechatPay.MCH_ID,
                WechatPaySandboxKeys.generateRsaKeyPair().getPrivate(),
                LocalWechatPay.MERCHANT_SERIAL,
                wechatPay::baseUrl),
            new WechatPaySignatureVerifier(TRUSTED, Clock.systemUTC()),
            HttpClient.newHttpClient(),
            Clock.systemUTC());

    assertThatThrownBy(
            () -> new WechatPayTradeQueries(stranger, LocalWechatPay.APP_ID).query(ORDER_NO))
        .isInstanceOf(GatewayCallFailed.class)
        .isNotInstanceOf(GatewayAnswerForged.class)
        .hasMessageContaining("SIGN_ERROR");
  }
}
