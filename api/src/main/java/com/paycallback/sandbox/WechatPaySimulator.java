package com.paycallback.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paycallback.crypto.ConstantTime;
import com.paycallback.crypto.RsaVerifier;
import com.paycallback.gateway.ConditionalOnChannel;
import com.paycallback.gateway.PaymentChannels;
import com.paycallback.gateway.wechatpay.WechatPayApi;
import com.paycallback.gateway.wechatpay.WechatPayProperties;
import com.paycallback.gateway.wechatpay.WechatPaySignatureType;
import com.paycallback.refund.RefundReceipt;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated WeChat Pay API v3 (embedded default only), under {@value #BASE_PATH}: trade query
 * and close, refund and refund query. It checks our {@code Authorization} with the sandbox
 * merchant's public key and signs every answer with the sandbox platform key, as WeChat Pay does.
 * Trades come from {@link SandboxTrades}, delivered or not. A refund's notice goes to its {@code
 * notify_url}; the service's own configured refund notify URL is reached on the port the service
 * actually listens on (random in tests).
 *
 * <p>{@code PUT /sandbox/gateways/wechatpay/next-refund {"status":"ABNORMAL"|"CLOSED"}} makes the
 * next refund end that way instead of SUCCESS (demos and tests of the operator lane).
 */
@RestController
@RequestMapping(WechatPaySimulator.BASE_PATH)
@ConditionalOnProperty(name = "paycallback.sandbox.enabled", havingValue = "true")
@ConditionalOnChannel(PaymentChannels.WECHATPAY)
class WechatPaySimulator implements AutoCloseable {

  static final String BASE_PATH = "/sandbox/gateways/wechatpay";

  private static final String CHANNEL = "wechatpay";
  private static final Pattern AUTHORIZATION_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  private final SandboxKeys keys;
  private final SandboxTrades trades;
  private final SandboxGateways gateways;
  private final WechatPayProperties wechatPay;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final WechatPaySimulatedRefunds refunds;
  private final WechatPayNoticeSigner signer;
  private final ObjectMapper json = new ObjectMapper();

  WechatPaySimulator(
      SandboxKeys keys,
      SandboxTrades trades,
      SandboxGateways gateways,
      WechatPayProperties wechatPay,
      JdbcClient jdbc,
      Clock clock,
      @Value("${paycallback.sandbox.refund-delay:2s}") Duration refundDelay) {
    this.keys = keys;
    this.trades = trades;
    this.gateways = gateways;
    this.wechatPay = wechatPay;
    this.jdbc = jdbc;
    this.clock = clock;
    this.refunds = new WechatPaySimulatedRefunds(jdbc, refundDelay);
    this.signer =
        new WechatPayNoticeSigner(
            keys.wechatPay(WechatPaySignatureType.RSA).getPrivate(),
            SandboxKeys.wechatPayKeyId(WechatPaySignatureType.RSA),
            wechatPay.apiV3Key().getBytes(StandardCharsets.UTF_8),
            clock);
  }

  @GetMapping("/v3/pay/transactions/out-trade-no/{outTradeNo}")
  ResponseEntity<String> queryTrade(@PathVariable String outTradeNo, HttpServletRequest request) {
    Optional<ResponseEntity<String>> refused = unauthorized(request, "");
    if (refused.isPresent()) {
      return refused.get();
    }
    if (!wechatPay.mchId().equals(request.getParameter("mchid"))) {
      return error(400, "PARAM_ERROR", "mchid 与请求方不符");
    }
    Optional<SandboxTrades.Trade> trade = trades.find(CHANNEL, outTradeNo);
    if (trade.isEmpty()) {
      return error(404, "ORDER_NOT_EXIST", "订单不存在");
    }
    if (trade.get().paid()) {
      SandboxTrades.Trade paid = trade.get();
      Map<String, Object> transaction =
          WechatPayTransactions.success(
              wechatPay.appId(),
              wechatPay.mchId(),
              paid.transactionId(),
              outTradeNo,
              paid.amount(),
              paid.paidAt(),
              paid.payer() == null ? "oSandboxPayer" : paid.payer());
      return signed(200, json.valueToTree(transaction));
    }
    ObjectNode closed = JsonNodeFactory.instance.objectNode();
    closed.put("appid", wechatPay.appId());
    closed.put("mchid", wechatPay.mchId());
    closed.put("out_trade_no", outTradeNo);
    closed.put("trade_state", "CLOSED");
    closed.put("trade_state_desc", "订单已关闭");
    return signed(200, closed);
  }

  @PostMapping("/v3/pay/transactions/out-trade-no/{outTradeNo}/close")
  ResponseEntity<String> closeTrade(
      @PathVariable String outTradeNo,
      @RequestBody(required = false) String body,
      HttpServletRequest request) {
    Optional<ResponseEntity<String>> refused = unauthorized(request, body);
    if (refused.isPresent()) {
      return refused.get();
    }
    if (!wechatPay.mchId().equals(read(body).path("mchid").asText())) {
      return error(400, "PARAM_ERROR", "mchid 与请求方不符");
    }
    if (!trades.close(CHANNEL, outTradeNo)) {
      return error(400, "ORDERPAID", "订单已支付");
    }
    return signed(204, null);
  }

  @PostMapping("/v3/refund/domestic/refunds")
  ResponseEntity<String> refund(
      @RequestBody(required = false) String body, HttpServletRequest request) {
    Optional<ResponseEntity<String>> refused = unauthorized(request, body);
    if (refused.isPresent()) {
      return refused.get();
    }
    JsonNode refund = read(body);
    String outRefundNo = refund.path("out_refund_no").asText("");
    long amount = refund.path("amount").path("refund").asLong(0);
    if (outRefundNo.isEmpty() || amount <= 0) {
      return error(400, "PARAM_ERROR", "out_refund_no 与 amount.refund 必填");
    }
    Optional<Paid> paid =
        paid(refund.path("transaction_id").asText(""), refund.path("out_trade_no").asText(""));
    if (paid.isEmpty()) {
      return error(404, "RESOURCE_NOT_EXISTS", "订单不存在");
    }
    if (amount > paid.get().total()) {
      return error(400, "INVALID_REQUEST", "退款金额超过订单金额");
    }
    URI notifyUrl =
        refund.hasNonNull("notify_url") ? URI.create(refund.get("notify_url").asText()) : null;
    WechatPaySimulatedRefunds.Refund booked =
        refunds.book(
            new WechatPaySimulatedRefunds.Refund(
                outRefundNo,
                paid.get().transactionId(),
                paid.get().orderNo(),
                amount,
                paid.get().total(),
                refund.path("amount").path("currency").asText("CNY"),
                RefundReceipt.PROCESSING,
                clock.instant()),
            refund.path("reason").asText(null),
            done -> notifyOutcome(notifyUrl, done));
    return signed(200, refundAnswer(booked));
  }

  @GetMapping("/v3/refund/domestic/refunds/{outRefundNo}")
  ResponseEntity<String> queryRefund(@PathVariable String outRefundNo, HttpServletRequest request) {
    Optional<ResponseEntity<String>> refused = unauthorized(request, "");
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<WechatPaySimulatedRefunds.Refund> refund =
        refunds
            .find(outRefundNo)
            .map(
                found ->
                    found.withTotal(
                        paid(found.transactionId(), "").map(Paid::total).orElse(found.amount())));
    return refund
        .map(found -> signed(200, refundAnswer(found)))
        .orElseGet(() -> error(404, "RESOURCE_NOT_EXISTS", "退款单不存在"));
  }

  /** Sandbox control, unsigned: the outcome of the next refund. */
  @PutMapping("/next-refund")
  ResponseEntity<Map<String, String>> nextRefund(@RequestBody Map<String, String> outcome) {
    String status = outcome.get("status");
    if (!WechatPaySimulatedRefunds.OUTCOMES.contains(status)) {
      return ResponseEntity.badRequest()
          .body(Map.of("error", "status is one of " + WechatPaySimulatedRefunds.OUTCOMES));
    }
    refunds.setNextOutcome(status);
    return ResponseEntity.ok(Map.of("status", status));
  }

  @Override
  public void close() {
    refunds.close();
  }

  /** A payment the simulated WeChat Pay took, as a refund needs it. */
  private record Paid(String transactionId, String orderNo, long total) {}

  /**
   * The payment by its transaction id, else by its order: from the book of trades, or else from the
   * payments the service was notified of — notices tests sign as WeChat Pay, which the simulator
   * never booked.
   */
  private Optional<Paid> paid(String transactionId, String outTradeNo) {
    Optional<SandboxTrades.Trade> trade =
        !transactionId.isEmpty()
            ? trades.byTransaction(transactionId)
            : trades.find(CHANNEL, outTradeNo).filter(SandboxTrades.Trade::paid);
    if (trade.isPresent() && trade.get().paid()) {
      return Optional.of(
          new Paid(trade.get().transactionId(), trade.get().orderNo(), trade.get().amount()));
    }
    return jdbc.sql(
            """
            SELECT transaction_id, order_no, amount FROM settlements
             WHERE channel = ? AND (transaction_id = ? OR (? = '' AND order_no = ?))
             ORDER BY created_at LIMIT 1
            """)
        .params(CHANNEL, transactionId, transactionId, outTradeNo)
        .query(
            (rs, row) ->
                new Paid(
                    rs.getString("transaction_id"), rs.getString("order_no"), rs.getLong("amount")))
        .optional();
  }

  private void notifyOutcome(URI notifyUrl, WechatPaySimulatedRefunds.Refund refund) {
    if (notifyUrl == null) {
      return;
    }
    String resource =
        WechatPaySimulatedRefunds.noticeResource(wechatPay.mchId(), refund, clock.instant());
    gateways.deliverWechatPay(
        target(notifyUrl),
        () ->
            signer.sign(
                WechatPaySimulatedRefunds.eventType(refund),
                "refund",
                WechatPaySimulatedRefunds.summary(refund),
                resource));
  }

  /** The service's own refund notify URL is reached on the port it actually listens on. */
  private URI target(URI notifyUrl) {
    if (!notifyUrl.equals(wechatPay.refundNotifyUrl())) {
      return notifyUrl;
    }
    String path = notifyUrl.getRawPath() == null ? "" : notifyUrl.getRawPath();
    return gateways.webhook(
        path + (notifyUrl.getRawQuery() == null ? "" : "?" + notifyUrl.getRawQuery()));
  }

  private ObjectNode refundAnswer(WechatPaySimulatedRefunds.Refund refund) {
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("refund_id", refund.refundId());
    answer.put("out_refund_no", refund.outRefundNo());
    answer.put("transaction_id", refund.transactionId());
    answer.put("out_trade_no", refund.orderNo());
    answer.put("channel", "ORIGINAL");
    answer.put("user_received_account", "支付用户零钱");
    if (RefundReceipt.SUCCESS.equals(refund.status())) {
      answer.put("success_time", WechatPaySimulatedRefunds.chinaTime(refund.createdAt()));
    }
    answer.put("create_time", WechatPaySimulatedRefunds.chinaTime(refund.createdAt()));
    answer.put("status", refund.status());
    answer.put("funds_account", "AVAILABLE");
    ObjectNode amount = answer.putObject("amount");
    amount.put("total", refund.total());
    amount.put("refund", refund.amount());
    amount.put("payer_total", refund.total());
    amount.put("payer_refund", refund.amount());
    amount.put("settlement_total", refund.total());
    amount.put("settlement_refund", refund.amount());
    amount.put("discount_refund", 0);
    amount.put("currency", refund.currency());
    return answer;
  }

  /**
   * Checks {@code WECHATPAY2-SHA256-RSA2048 mchid=..,nonce_str=..,signature=..,timestamp=..,
   * serial_no=..} over {@code METHOD\nURL\ntimestamp\nnonce\nbody\n} with the sandbox merchant's
   * public key, as WeChat Pay checks a merchant's request.
   *
   * @return the signed 401 WeChat Pay answers a request it does not believe, or empty
   */
  private Optional<ResponseEntity<String>> unauthorized(HttpServletRequest request, String body) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.startsWith(WechatPayApi.AUTHORIZATION_SCHEME + " ")) {
      return Optional.of(error(401, "SIGN_ERROR", "Authorization 缺失或类型不符"));
    }
    Map<String, String> params = new HashMap<>();
    Matcher param = AUTHORIZATION_PARAM.matcher(header);
    while (param.find()) {
      params.put(param.group(1), param.group(2));
    }
    String timestamp = params.getOrDefault("timestamp", "");
    String nonce = params.getOrDefault("nonce_str", "");
    String url =
        request.getRequestURI()
            + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    boolean genuine;
    try {
      genuine =
          ConstantTime.equal(wechatPay.mchId(), params.get("mchid"))
              && SandboxKeys.WECHATPAY_MERCHANT_SERIAL.equals(params.get("serial_no"))
              && Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp)), clock.instant())
                      .abs()
                      .compareTo(MAX_CLOCK_SKEW)
                  <= 0
              && new RsaVerifier()
                  .verify(
                      keys.wechatPayMerchant().getPublic(),
                      WechatPayApi.message(
                          request.getMethod(), url, timestamp, nonce, body == null ? "" : body),
                      Base64.getDecoder().decode(params.getOrDefault("signature", "")));
    } catch (IllegalArgumentException unreadable) {
      genuine = false;
    }
    return genuine ? Optional.empty() : Optional.of(error(401, "SIGN_ERROR", "签名错误"));
  }

  private JsonNode read(String body) {
    try {
      JsonNode parsed = json.readTree(body == null || body.isEmpty() ? "{}" : body);
      return parsed == null ? JsonNodeFactory.instance.objectNode() : parsed;
    } catch (IOException e) {
      return JsonNodeFactory.instance.objectNode();
    }
  }

  private ResponseEntity<String> error(int status, String code, String message) {
    return signed(
        status, JsonNodeFactory.instance.objectNode().put("code", code).put("message", message));
  }

  /** The answer with WeChat Pay's signature headers over its exact body bytes. */
  private ResponseEntity<String> signed(int status, JsonNode answer) {
    String body = answer == null ? "" : answer.toString();
    ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
    signer.signBody(body.getBytes(StandardCharsets.UTF_8)).asMap().forEach(response::header);
    if (answer == null) {
      return response.build();
    }
    return response.contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
