package com.paycallback.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.crypto.RsaSigner;
import com.paycallback.crypto.RsaVerifier;
import com.paycallback.gateway.alipay.AlipayOpenApiStandIn;
import com.paycallback.gateway.alipay.AlipayProperties;
import com.paycallback.gateway.alipay.AlipaySignContent;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated Alipay OpenAPI (embedded default only): {@code POST /sandbox/gateways/alipay}, a
 * form like Alipay's {@code gateway.do}. It checks each request's RSA2 signature with the sandbox
 * merchant's public key and answers {@code alipay.trade.query} and {@code alipay.trade.close} from
 * the book of trades, {@code alipay.trade.refund} by booking the refund once per {@code
 * out_request_no}, and {@code alipay.trade.fastpay.refund.query} from the booked refunds; every
 * answer signed with the simulated Alipay's key, as Alipay signs them. The shop's real Alipay
 * clients call it while no merchant key is configured.
 */
@RestController
@ConditionalOnProperty(name = "paycallback.sandbox.enabled", havingValue = "true")
class AlipaySimulator implements AlipayOpenApiStandIn {

  static final String PATH = "/sandbox/gateways/alipay";

  private static final String CHANNEL = "alipay";
  private static final DateTimeFormatter ALIPAY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));

  private final SandboxKeys keys;
  private final SandboxTrades trades;
  private final JdbcClient jdbc;
  private final AlipayProperties alipay;
  private final Environment environment;
  private final ObjectMapper json = new ObjectMapper();

  AlipaySimulator(
      SandboxKeys keys,
      SandboxTrades trades,
      JdbcClient jdbc,
      AlipayProperties alipay,
      Environment environment) {
    this.keys = keys;
    this.trades = trades;
    this.jdbc = jdbc;
    this.alipay = alipay;
    this.environment = environment;
  }

  @Override
  public URI gatewayUrl() {
    return URI.create(
        "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080") + PATH);
  }

  @Override
  public PrivateKey merchantPrivateKey() {
    return keys.alipayMerchant().getPrivate();
  }

  @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> gateway(@RequestParam Map<String, String> params) {
    String method = params.getOrDefault("method", "");
    String node = method.isBlank() ? "error_response" : method.replace('.', '_') + "_response";
    Map<String, Object> answer;
    if (!genuine(params)) {
      answer = refused("40002", "Invalid Arguments", "isv.invalid-signature", "验签出错");
    } else if (!String.valueOf(alipay.appId()).equals(params.get("app_id"))) {
      answer = refused("40002", "Invalid Arguments", "isv.invalid-app-id", "无效的AppID参数");
    } else {
      JsonNode biz = biz(params.get("biz_content"));
      answer =
          switch (method) {
            case "alipay.trade.query" -> query(biz.path("out_trade_no").asText());
            case "alipay.trade.close" -> close(biz.path("out_trade_no").asText());
            case "alipay.trade.refund" -> refund(biz);
            case "alipay.trade.fastpay.refund.query" ->
                refundQuery(biz.path("out_request_no").asText());
            default -> refused("40004", "Business Failed", "isv.invalid-method", "不存在的方法名");
          };
    }
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8))
        .body(signed(node, answer));
  }

  private Map<String, Object> query(String orderNo) {
    Optional<SandboxTrades.Trade> found = trades.find(CHANNEL, orderNo);
    if (found.isEmpty()) {
      return tradeNotExist();
    }
    SandboxTrades.Trade trade = found.get();
    Map<String, Object> answer = success();
    answer.put("out_trade_no", orderNo);
    if (!trade.paid()) {
      answer.put("trade_status", "TRADE_CLOSED");
      return answer;
    }
    answer.put("trade_no", trade.transactionId());
    answer.put("trade_status", "TRADE_SUCCESS");
    answer.put("total_amount", BigDecimal.valueOf(trade.amount(), 2).toPlainString());
    answer.put("buyer_user_id", trade.payer());
    answer.put("send_pay_date", ALIPAY_TIME.format(trade.paidAt()));
    return answer;
  }

  private Map<String, Object> close(String orderNo) {
    if (!trades.close(CHANNEL, orderNo)) {
      return refused("40004", "Business Failed", "ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
    }
    Map<String, Object> answer = success();
    answer.put("out_trade_no", orderNo);
    return answer;
  }

  /** Books the refund once per {@code out_request_no}; a repeat moves no money. */
  private Map<String, Object> refund(JsonNode biz) {
    String refundKey = biz.path("out_request_no").asText();
    BigDecimal yuan = new BigDecimal(biz.path("refund_amount").asText("0"));
    boolean first;
    try {
      jdbc.sql(
              """
              INSERT INTO sandbox_refunds (refund_key, channel, transaction_id, order_no, amount,
                                           currency, reason)
              VALUES (?, ?, ?, ?, ?, 'CNY', ?)
              """)
          .params(
              refundKey,
              CHANNEL,
              biz.path("trade_no").asText(),
              biz.path("out_trade_no").asText(),
              yuan.movePointRight(2).longValueExact(),
              truncate(biz.path("refund_reason").asText(null)))
          .update();
      first = true;
    } catch (DuplicateKeyException alreadyRefunded) {
      first = false;
    }
    Map<String, Object> answer = success();
    answer.put("trade_no", biz.path("trade_no").asText());
    answer.put("out_trade_no", biz.path("out_trade_no").asText());
    answer.put("refund_fee", yuan.setScale(2).toPlainString());
    answer.put("fund_change", first ? "Y" : "N");
    return answer;
  }

  /** A refund Alipay never received is answered with success and no status, as Alipay does. */
  private Map<String, Object> refundQuery(String refundKey) {
    Map<String, Object> answer = success();
    answer.put("out_request_no", refundKey);
    jdbc
        .sql(
            """
            SELECT transaction_id, order_no, amount, status FROM sandbox_refunds
             WHERE refund_key = ? AND channel = ?
            """)
        .params(refundKey, CHANNEL)
        .query()
        .listOfRows()
        .stream()
        .findFirst()
        .ifPresent(
            refund -> {
              answer.put("trade_no", refund.get("transaction_id"));
              answer.put("out_trade_no", refund.get("order_no"));
              answer.put(
                  "refund_amount",
                  BigDecimal.valueOf(((Number) refund.get("amount")).longValue(), 2)
                      .toPlainString());
              if ("SUCCESS".equals(refund.get("status"))) {
                answer.put("refund_status", "REFUND_SUCCESS");
              }
            });
    return answer;
  }

  private boolean genuine(Map<String, String> params) {
    String sign = params.get("sign");
    if (sign == null || !"RSA2".equals(params.get("sign_type"))) {
      return false;
    }
    try {
      return new RsaVerifier()
          .verifyAny(
              List.of(keys.alipayMerchant().getPublic()),
              AlipaySignContent.ofRequest(params).getBytes(StandardCharsets.UTF_8),
              Base64.getMimeDecoder().decode(sign));
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  private JsonNode biz(String bizContent) {
    try {
      return json.readTree(bizContent == null ? "{}" : bizContent);
    } catch (JsonProcessingException e) {
      return json.createObjectNode();
    }
  }

  /** {@code {"<method>_response":<answer>,"sign":"..."}}, the sign over the answer's raw JSON. */
  private String signed(String node, Map<String, Object> answer) {
    try {
      String content = json.writeValueAsString(answer);
      String sign =
          Base64.getEncoder()
              .encodeToString(
                  new RsaSigner(keys.alipay().getPrivate())
                      .sign(content.getBytes(StandardCharsets.UTF_8)));
      return "{\"" + node + "\":" + content + ",\"sign\":\"" + sign + "\"}";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the simulated Alipay's answer", e);
    }
  }

  private static Map<String, Object> success() {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("code", "10000");
    answer.put("msg", "Success");
    return answer;
  }

  private static Map<String, Object> tradeNotExist() {
    return refused("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在");
  }

  private static Map<String, Object> refused(
      String code, String msg, String subCode, String subMsg) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("code", code);
    answer.put("msg", msg);
    answer.put("sub_code", subCode);
    answer.put("sub_msg", subMsg);
    return answer;
  }

  private static String truncate(String reason) {
    return reason == null || reason.length() <= 300 ? reason : reason.substring(0, 300);
  }
}
