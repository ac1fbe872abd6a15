package com.paycallback.gateway.alipay;

import com.paycallback.crypto.ConstantTime;
import com.paycallback.gateway.ConditionalOnChannel;
import com.paycallback.gateway.PaymentChannels;
import com.paycallback.notice.FormBody;
import com.paycallback.notice.NoticeChannel;
import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.PaymentNotice;
import com.paycallback.notice.ReasonCode;
import com.paycallback.notice.VerifiedNotice;
import com.paycallback.settlement.PaymentChannel;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** Alipay's asynchronous notice: a signed form POST in the charset it names. */
@ConditionalOnChannel(PaymentChannels.ALIPAY)
@Component
class AlipayNoticeChannel implements NoticeChannel {

  private static final Set<String> PAID_STATUSES = Set.of("TRADE_SUCCESS", "TRADE_FINISHED");
  private static final Set<String> CHARSETS = Set.of("utf-8", "gbk");
  private static final ZoneId ALIPAY_ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter ALIPAY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final AlipayProperties properties;
  private final AlipaySignatureVerifier verifier;
  private final Transport transport;

  AlipayNoticeChannel(AlipayProperties properties, AlipaySignatureVerifier verifier) {
    this.properties = properties;
    this.verifier = verifier;
    this.transport =
        Transport.of(
            PaymentChannel.ALIPAY.id(),
            MediaType.APPLICATION_FORM_URLENCODED,
            properties.allowedIps());
  }

  @Override
  public Transport transport() {
    return transport;
  }

  @Override
  public VerifiedNotice authenticate(HttpServletRequest request, byte[] body) {
    FormBody form = FormBody.parse(body, "charset", AlipayNoticeChannel::charsetNamed);
    Map<String, String> params = form.params();
    try {
      // Alipay's notices carry no nonce and no signed timestamp: replays are caught as duplicate
      // transactions by the hand-off.
      return VerifiedNotice.withoutReplayKey(read(params, form.charset()));
    } catch (NoticeRejected rejected) {
      throw rejected.claiming(params.get("trade_no"), params.get("out_trade_no"));
    }
  }

  private PaymentNotice read(Map<String, String> params, Charset charset) {
    verifier.verify(params, charset);
    if (!ConstantTime.equal(properties.appId(), params.get("app_id"))) {
      throw new NoticeRejected(ReasonCode.APP_ID_MISMATCH, "app_id is not ours");
    }
    if (properties.sellerId() != null
        && !ConstantTime.equal(properties.sellerId(), params.get("seller_id"))) {
      throw new NoticeRejected(ReasonCode.MERCHANT_MISMATCH, "seller_id is not ours");
    }
    String tradeStatus = required(params, "trade_status");
    return new PaymentNotice(
        name(),
        required(params, "trade_no"),
        required(params, "out_trade_no"),
        fen(required(params, "total_amount")),
        "CNY",
        PAID_STATUSES.contains(tradeStatus),
        tradeStatus,
        paidAt(params),
        params.getOrDefault("buyer_id", params.get("buyer_open_id")));
  }

  /** The charsets Alipay notices come in; UTF-8 when the notice names none. */
  private static Charset charsetNamed(String charset) {
    String name = charset == null ? "utf-8" : charset.toLowerCase(Locale.ROOT);
    if (!CHARSETS.contains(name)) {
      throw new NoticeRejected(ReasonCode.MALFORMED, "unsupported charset");
    }
    return Charset.forName(name);
  }

  private static String required(Map<String, String> params, String name) {
    String value = params.get(name);
    if (value == null || value.isBlank()) {
      throw new NoticeRejected(ReasonCode.MALFORMED, name + " is missing");
    }
    return value;
  }

  /** Alipay amounts are yuan with at most two decimals: parsed exactly into fen. */
  static long fen(String yuan) {
    try {
      BigDecimal amount = new BigDecimal(yuan);
      if (amount.signum() <= 0 || amount.scale() > 2 || !yuan.matches("\\d+(\\.\\d{1,2})?")) {
        throw new NoticeRejected(ReasonCode.MALFORMED, "total_amount is not a yuan amount");
      }
      return amount.movePointRight(2).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new NoticeRejected(ReasonCode.MALFORMED, "total_amount is not a yuan amount");
    }
  }

  private static Instant paidAt(Map<String, String> params) {
    String time = params.getOrDefault("gmt_payment", params.get("notify_time"));
    if (time == null) {
      return Instant.now();
    }
    try {
      return LocalDateTime.parse(time, ALIPAY_TIME).atZone(ALIPAY_ZONE).toInstant();
    } catch (DateTimeParseException e) {
      throw new NoticeRejected(ReasonCode.MALFORMED, "gmt_payment is not a time");
    }
  }
}
