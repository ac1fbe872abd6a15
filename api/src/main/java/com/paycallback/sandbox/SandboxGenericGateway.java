package com.paycallback.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.gateway.ConditionalOnChannel;
import com.paycallback.gateway.PaymentChannels;
import com.paycallback.gateway.generic.GenericProperties;
import com.paycallback.gateway.generic.HmacSignatureVerifier;
import com.paycallback.gateway.generic.HmacSigner;
import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.StrictJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated generic gateway's trade API (embedded default only), as the README's contract
 * describes it: checks our request's signature, answers from its book of trades ({@link
 * SandboxTrades}), payments it never notified included, and signs the answer with the sandbox
 * secret.
 */
@RestController
@RequestMapping("/sandbox/gateways/generic")
@ConditionalOnChannel(PaymentChannels.GENERIC)
@ConditionalOnProperty(name = "paycallback.sandbox.enabled", havingValue = "true")
class SandboxGenericGateway {

  static final String QUERY_PATH = "/sandbox/gateways/generic/query";
  static final String CLOSE_PATH = "/sandbox/gateways/generic/close";

  private static final String CHANNEL = PaymentChannels.GENERIC.channel();

  private final SandboxTrades trades;
  private final GenericProperties properties;
  private final HmacSignatureVerifier verifier;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  SandboxGenericGateway(SandboxTrades trades, GenericProperties properties, Clock clock) {
    this.trades = trades;
    this.properties = properties;
    this.verifier = new HmacSignatureVerifier(properties.secrets(), properties.tolerance(), clock);
    this.clock = clock;
  }

  @PostMapping("/query")
  ResponseEntity<byte[]> query(
      @RequestHeader(name = HmacSignatureVerifier.HEADER, required = false) String signature,
      @RequestBody byte[] body) {
    return answer(
        signature,
        body,
        (orderNo, answer) ->
            trades
                .find(CHANNEL, orderNo)
                .ifPresentOrElse(
                    trade -> {
                      if (trade.paid()) {
                        answer.put("status", "SUCCESS");
                        answer.put("transactionId", trade.transactionId());
                        answer.put("amount", trade.amount());
                        answer.put("currency", trade.currency());
                        answer.put("paidAt", trade.paidAt().toString());
                        answer.put("payerId", trade.payer());
                      } else {
                        answer.put("status", "CLOSED");
                      }
                    },
                    () -> answer.put("status", "NOTPAY")));
  }

  @PostMapping("/close")
  ResponseEntity<byte[]> close(
      @RequestHeader(name = HmacSignatureVerifier.HEADER, required = false) String signature,
      @RequestBody byte[] body) {
    return answer(
        signature,
        body,
        (orderNo, answer) ->
            answer.put("status", trades.close(CHANNEL, orderNo) ? "CLOSED" : "SUCCESS"));
  }

  /**
   * Checks the merchant's request, then answers about its order, signed: {@code fill} adds what the
   * call says to the answer, which already names the order.
   */
  private ResponseEntity<byte[]> answer(
      String signature, byte[] body, BiConsumer<String, Map<String, Object>> fill) {
    String orderNo;
    try {
      orderNo = orderNo(signature, body);
    } catch (NoticeRejected refused) {
      return refused(refused);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("orderNo", orderNo);
    fill.accept(orderNo, answer);
    return signed(answer);
  }

  /**
   * Only the merchant may ask: the request must carry its signature, as the real gateway checks.
   */
  private String orderNo(String signature, byte[] body) {
    verifier.verify(signature, body);
    return StrictJson.text(StrictJson.object(body, "request"), "orderNo");
  }

  private ResponseEntity<byte[]> refused(NoticeRejected refused) {
    return ResponseEntity.status(refused.reason().httpStatus())
        .contentType(MediaType.APPLICATION_JSON)
        .body(("{\"error\":\"" + refused.reason() + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  private ResponseEntity<byte[]> signed(Map<String, Object> answer) {
    byte[] body;
    try {
      body = json.writeValueAsBytes(answer);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the sandbox answer", e);
    }
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header(
            HmacSignatureVerifier.HEADER,
            HmacSigner.signatureHeader(properties.secrets().get(0), clock.instant(), body))
        .body(body);
  }
}
