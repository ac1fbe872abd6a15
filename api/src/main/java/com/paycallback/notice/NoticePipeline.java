package com.paycallback.notice;

import com.paycallback.dispatch.SettlementStarter;
import com.paycallback.dispatch.SettlementStarter.SettlementUnavailable;
import com.paycallback.inbox.SettlementRecords;
import com.paycallback.inbox.SettlementRecords.SettlementRecord;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.shop.OrderStatus;
import com.paycallback.shop.PaymentFit;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowServiceException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The notice pipeline of every channel: transport, authenticity (the channel's), business checks,
 * record, hand-off to the saga. Its answer is only "received" once the hand-off is durable.
 */
@Service
public class NoticePipeline {

  private static final Logger log = LoggerFactory.getLogger(NoticePipeline.class);

  private final NoticeTransport transport;
  private final NoticeAudit audit;
  private final SettlementRecords settlements;
  private final SettlementStarter starter;
  private final PayloadCipher cipher;
  private final JdbcClient jdbc;
  private final NonceRegistry nonces;
  private final MeterRegistry meters;

  NoticePipeline(
      NoticeTransport transport,
      NoticeAudit audit,
      SettlementRecords settlements,
      SettlementStarter starter,
      PayloadCipher cipher,
      JdbcClient jdbc,
      NonceRegistry nonces,
      MeterRegistry meters) {
    this.transport = transport;
    this.audit = audit;
    this.settlements = settlements;
    this.starter = starter;
    this.cipher = cipher;
    this.jdbc = jdbc;
    this.nonces = nonces;
    this.meters = meters;
  }

  /**
   * Runs one webhook request through the pipeline: transport, authenticity (the channel's),
   * freshness (the replay key), reading, business checks, record, hand-off. The webhook turns the
   * result into its protocol's {@link NoticeAnswer}.
   */
  public ReasonCode handle(NoticeChannel channel, HttpServletRequest request) {
    String sourceIp = transport.sourceIp(request);
    byte[] body = null;
    PaymentNotice notice = null;
    ReasonCode reason;
    NoticeRejected rejection = null;
    ReplayKey claimed = null;
    try {
      transport.checkAllowed(sourceIp, channel.transport().allowedIps());
      transport.checkContentType(request, channel.transport().contentType());
      body = transport.body(request);
      VerifiedNotice verified = channel.authenticate(request, body);
      if (verified.replayKey().isPresent()) {
        nonces.claim(channel.name(), verified.replayKey().get());
        claimed = verified.replayKey().get();
      }
      notice = verified.content().read();
      reason = notice.paid() ? settle(notice) : ReasonCode.NOT_PAID_STATUS;
    } catch (NoticeRejected rejected) {
      reason = rejected.reason();
      rejection = rejected;
    } catch (DataAccessException
        | WorkflowServiceException
        | StatusRuntimeException
        | SettlementUnavailable e) {
      reason = ReasonCode.UNAVAILABLE;
      log.warn("{} notice could not be handed off, the gateway will retry", channel.name(), e);
      releaseNonce(channel, claimed);
    }
    try {
      audit.record(channel.name(), sourceIp, body, notice, rejection, reason);
    } catch (DataAccessException e) {
      log.warn("{} notice could not be recorded, the gateway will retry", channel.name(), e);
      reason = ReasonCode.UNAVAILABLE;
      releaseNonce(channel, claimed);
    }
    meters
        .counter(
            "paycallback.notices",
            "channel",
            channel.name(),
            "outcome",
            reason.outcome().name(),
            "reason",
            reason.name())
        .increment();
    if (reason.outcome() == ReasonCode.Outcome.REJECTED) {
      log.info(
          "{} notice rejected: {} ({}) from {} transaction {}",
          channel.name(),
          reason,
          rejection == null ? "-" : loggable(rejection.getMessage()),
          sourceIp,
          notice == null ? "-" : notice.transactionId());
    }
    return reason;
  }

  /** Rejection details may quote what the caller sent: no line breaks into our logs. */
  private static String loggable(String detail) {
    return detail == null ? "-" : detail.replaceAll("\\p{Cntrl}", "?");
  }

  /** Gives back the nonce this request claimed, if it got that far. */
  private void releaseNonce(NoticeChannel channel, ReplayKey claimed) {
    if (claimed == null) {
      return;
    }
    try {
      nonces.release(channel.name(), claimed);
    } catch (DataAccessException e) {
      log.warn("could not release a nonce; the gateway's retry may be refused as a replay", e);
    }
  }

  /** Business checks, then the durable hand-off to the settlement saga. */
  private ReasonCode settle(PaymentNotice notice) {
    Optional<PayableOrder> order =
        jdbc.sql("SELECT payable, currency, status, transaction_id FROM orders WHERE order_no = ?")
            .param(notice.orderNo())
            .query(PayableOrder.class)
            .optional();
    if (order.isEmpty()) {
      throw new NoticeRejected(ReasonCode.UNKNOWN_ORDER, "no order " + notice.orderNo());
    }
    if (order.get().payable() != notice.amount()) {
      throw new NoticeRejected(
          ReasonCode.AMOUNT_MISMATCH,
          "paid " + notice.amount() + ", payable " + order.get().payable());
    }
    if (!order.get().currency().equals(notice.currency())) {
      throw new NoticeRejected(ReasonCode.CURRENCY_MISMATCH, "paid in " + notice.currency());
    }

    SettlementRequest request =
        new SettlementRequest(
            notice.channel(),
            notice.transactionId(),
            notice.orderNo(),
            notice.amount(),
            notice.currency(),
            notice.paidAt(),
            cipher.payerRef(notice.channel(), notice.payerId()));
    if (!settlements.insertIfAbsent(request)) {
      SettlementRecord recorded = settlements.find(notice.transactionId()).orElseThrow();
      if (!recorded.channel().equals(notice.channel())
          || !recorded.orderNo().equals(notice.orderNo())
          || recorded.amount() != notice.amount()) {
        throw new NoticeRejected(
            ReasonCode.DUPLICATE_MISMATCH,
            "transaction was recorded for another channel, order or amount");
      }
      if (recorded.finished()) {
        return ReasonCode.DUPLICATE;
      }
      request = recorded.toRequest();
    }
    return starter.startWithinHandOffTimeout(request)
        ? order.get().handOff(notice.transactionId())
        : ReasonCode.DUPLICATE;
  }

  record PayableOrder(long payable, String currency, String status, String transactionId) {

    /** What a successful hand-off of a payment by {@code transactionId} amounts to. */
    ReasonCode handOff(String paidBy) {
      return switch (PaymentFit.of(OrderStatus.valueOf(status), transactionId, paidBy)) {
        case LATE -> ReasonCode.LATE_PAYMENT;
        case DOUBLE -> ReasonCode.DOUBLE_PAYMENT;
        case FITS -> ReasonCode.ACCEPTED;
      };
    }
  }
}
