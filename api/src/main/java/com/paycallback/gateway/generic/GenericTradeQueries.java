package com.paycallback.gateway.generic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.gateway.GatewayAnswerForged;
import com.paycallback.gateway.GatewayCallFailed;
import com.paycallback.gateway.TradeAnswer;
import com.paycallback.gateway.TradeQueries;
import com.paycallback.gateway.TradeState;
import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.PaymentNotice;
import com.paycallback.notice.StrictJson;
import com.paycallback.settlement.PaymentChannel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The generic channel's trade API. A query is a JSON POST {@code {"orderNo"}} to the query URL, a
 * close the same to the close URL, each signed like the channel's refunds ({@code
 * Paycallback-Signature: t=..,v1=..} with the first secret). The gateway answers 2xx with {@code
 * {"orderNo","status":"SUCCESS|NOTPAY|CLOSED","transactionId","amount","currency","paidAt",
 * "payerId"?}} (the payment's fields when SUCCESS), signed over the answer's body with the same
 * header and secrets, inside the same tolerance, as its notices: an answer without that signature
 * is {@link GatewayAnswerForged}. A close answers {@code {"orderNo","status":"CLOSED"}}, or {@code
 * SUCCESS} for a trade that was paid and cannot be closed.
 */
public final class GenericTradeQueries implements TradeQueries {

  static final String SUCCESS = "SUCCESS";
  static final String NOTPAY = "NOTPAY";
  static final String CLOSED = "CLOSED";

  /** Inside the reconciler's lease, and short enough for an operator waiting on the answer. */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final Supplier<URI> queryUrl;
  private final Supplier<URI> closeUrl;
  private final String secret;
  private final HmacSignatureVerifier verifier;
  private final HttpClient http;
  private final Clock clock;
  private final GenericNoticeParser parser = new GenericNoticeParser();
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param queryUrl where queries go, read at every call
   * @param closeUrl where closes go, read at every call; null when the gateway has no close call
   */
  public GenericTradeQueries(
      GenericProperties properties,
      Supplier<URI> queryUrl,
      Supplier<URI> closeUrl,
      HttpClient http,
      Clock clock) {
    if (properties.secrets().isEmpty()) {
      throw new IllegalStateException(
          "the generic channel's trade queries need paycallback.channels.generic.secrets to sign"
              + " the requests and check the answers");
    }
    this.queryUrl = queryUrl;
    this.closeUrl = closeUrl;
    this.secret = properties.secrets().get(0);
    this.verifier = new HmacSignatureVerifier(properties.secrets(), properties.tolerance(), clock);
    this.http = http;
    this.clock = clock;
  }

  @Override
  public PaymentChannel channel() {
    return PaymentChannel.GENERIC;
  }

  @Override
  public TradeAnswer query(String orderNo) {
    byte[] body = call(queryUrl.get(), orderNo, "query");
    String status = statusOf(body, orderNo);
    return switch (status) {
      case SUCCESS -> TradeAnswer.paid(read(body), status);
      case NOTPAY -> TradeAnswer.unpaid(TradeState.NOT_PAID, status);
      case CLOSED -> TradeAnswer.unpaid(TradeState.CLOSED, status);
      default ->
          throw new GatewayCallFailed("the generic gateway answered an unknown status " + status);
    };
  }

  @Override
  public void close(String orderNo) {
    if (closeUrl == null) {
      return;
    }
    String status = statusOf(call(closeUrl.get(), orderNo, "close"), orderNo);
    if (!CLOSED.equals(status)) {
      throw new GatewayCallFailed(
          "the generic gateway did not close the trade of " + orderNo + ": " + status);
    }
  }

  /** POSTs the signed request and gives back the answer's body once its signature is proven. */
  private byte[] call(URI endpoint, String orderNo, String what) {
    byte[] request;
    try {
      request = json.writeValueAsBytes(Map.of("orderNo", orderNo));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the " + what + " request", e);
    }
    HttpResponse<byte[]> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(endpoint)
                  .timeout(CALL_TIMEOUT)
                  .header("Content-Type", "application/json")
                  .header(
                      HmacSignatureVerifier.HEADER,
                      HmacSigner.signatureHeader(secret, clock.instant(), request))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new GatewayCallFailed("the generic gateway is unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayCallFailed("interrupted while calling the generic gateway", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new GatewayCallFailed(
          "the generic gateway answered the " + what + " with HTTP " + response.statusCode());
    }
    try {
      verifier.verify(
          response.headers().firstValue(HmacSignatureVerifier.HEADER).orElse(null),
          response.body());
    } catch (NoticeRejected unsigned) {
      throw new GatewayAnswerForged(
          "the generic gateway's "
              + what
              + " answer is refused: "
              + unsigned.reason()
              + " ("
              + unsigned.getMessage()
              + ")");
    }
    return response.body();
  }

  /** The answer's status, once it is proven to be about the order we asked for. */
  private static String statusOf(byte[] body, String orderNo) {
    try {
      JsonNode answer = StrictJson.object(body, "the generic gateway's answer");
      if (!orderNo.equals(StrictJson.text(answer, "orderNo"))) {
        throw new GatewayCallFailed("the generic gateway answered about another order");
      }
      return StrictJson.text(answer, "status");
    } catch (NoticeRejected malformed) {
      throw new GatewayCallFailed(
          "the generic gateway's answer is malformed: " + malformed.getMessage());
    }
  }

  private PaymentNotice read(byte[] body) {
    try {
      return parser.parse(body);
    } catch (NoticeRejected malformed) {
      throw new GatewayCallFailed(
          "the generic gateway's payment is malformed: " + malformed.getMessage());
    }
  }
}
