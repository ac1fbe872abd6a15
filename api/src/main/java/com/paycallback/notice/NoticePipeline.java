package com.paycallback.notice;

import com.paycallback.dispatch.RefundNoticeDelivery;
import com.paycallback.dispatch.RefundNoticeDelivery.RefundNoticeUndelivered;
import com.paycallback.dispatch.SettlementDispatcher;
import com.paycallback.inbox.SettlementRecords;
import com.paycallback.inbox.SettlementRecords.SettlementRecord;
import com.paycallback.observability.LogContext;
import com.paycallback.settlement.RefundOutcome;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.shop.OrderStatus;
import com.paycallback.shop.PaymentFit;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notice pipeline of every channel: transport, authenticity (the channel's), freshness (the
 * replay key), reading, business checks, then the hand-off: one local transaction commits the nonce
 * claim, the settlement's inbox row and the audit row. That commit is what makes the notice durable
 * and what the answer waits for; the dispatcher starts the saga after it, off the request.
 */
@Service
public class NoticePipeline {

  private static final Logger log = LoggerFactory.getLogger(NoticePipeline.class);

  /** The width of the id columns: a longer id cannot be a real one, and cannot be stored. */
  private static final int MAX_ID_LENGTH = 64;

  private final NoticeTransport transport;
  private final NoticeAudit audit;
  private final SettlementRecords inbox;
  private final SettlementDispatcher dispatcher;
  private final PayloadCipher cipher;
  private final JdbcClient jdbc;
  private final NonceRegistry nonces;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;
  private final RejectionLimiter limiter;
  private final RefundNoticeDelivery refunds;

  NoticePipeline(
      NoticeTransport transport,
      NoticeAudit audit,
      SettlementRecords inbox,
      SettlementDispatcher dispatcher,
      PayloadCipher cipher,
      JdbcClient jdbc,
      NonceRegistry nonces,
      PlatformTransactionManager transactionManager,
      MeterRegistry meters,
      RejectionLimiter limiter,
      RefundNoticeDelivery refunds) {
    this.limiter = limiter;
    this.refunds = refunds;
    this.transport = transport;
    this.audit = audit;
    this.inbox = inbox;
    this.dispatcher = dispatcher;
    this.cipher = cipher;
    this.jdbc = jdbc;
    this.nonces = nonces;
    // READ COMMITTED: a notice racing its own duplicate waits on the other's inbox row, then must
    // read that row as committed, not as the snapshot of its first read.
    this.transactions = new TransactionTemplate(transactionManager);
    this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    this.meters = meters;
  }

  /**
   * Runs one webhook request through the pipeline. The webhook turns the result into its protocol's
   * {@link NoticeAnswer}. Every request leaves an audit row, unless the database is the very thing
   * that failed.
   */
  public ReasonCode handle(NoticeChannel channel, HttpServletRequest request) {
    Attempt attempt = new Attempt(NoticeSource.NOTICE, channel.name(), transport.sourceIp(request));
    // A throttled source never gets here: RejectionLimiterFilter answers it first.
    ReasonCode reason = run(channel, request, attempt);
    if (reason.outcome() == ReasonCode.Outcome.REJECTED && !attempt.proven) {
      limiter.failed(channel, attempt.sourceIp);
    }
    return conclude(attempt, reason);
  }

  /**
   * A gateway's verified answer to our trade query saying the order was paid: through the same
   * business checks, the same inbox hand-off (workflow id = the gateway's transaction id, so a
   * notice of the same payment converges on the same settlement) and the same dispatcher as a
   * notice, and audited with source {@link NoticeSource#QUERY}.
   */
  public ReasonCode handOffQueried(PaymentNotice payment) {
    Attempt attempt = new Attempt(NoticeSource.QUERY, payment.channel(), null);
    attempt.proven = true;
    return conclude(
        attempt,
        recorded(
            attempt,
            () ->
                transactions.execute(
                    tx -> handOff(attempt, VerifiedNotice.withoutReplayKey(payment)))));
  }

  /**
   * A gateway's answer to our trade query without its valid signature: audited like a forged
   * notice, and nothing changes on its word.
   */
  public void recordForgedAnswer(String channel, String orderNo, String why) {
    Attempt attempt = new Attempt(NoticeSource.QUERY, channel, null);
    attempt.rejection =
        new NoticeRejected(ReasonCode.SIGNATURE_INVALID, why).claiming(null, orderNo);
    conclude(attempt, recordRejection(attempt, ReasonCode.SIGNATURE_INVALID));
  }

  /** Starts what was handed off, counts the result and logs a rejection. */
  private ReasonCode conclude(Attempt attempt, ReasonCode reason) {
    if (attempt.dispatch != null) {
      dispatcher.dispatch(attempt.dispatch);
    }
    meters
        .counter(
            "paycallback.notices",
            "channel",
            attempt.channel,
            "outcome",
            reason.outcome().name(),
            "reason",
            reason.name(),
            "source",
            attempt.source.name())
        .increment();
    if (reason.outcome() == ReasonCode.Outcome.REJECTED) {
      log.info(
          "{} {} rejected: {} ({}) from {} transaction {}",
          attempt.channel,
          attempt.source == NoticeSource.QUERY ? "query answer" : "notice",
          reason,
          attempt.rejection == null ? "-" : loggable(attempt.rejection.getMessage()),
          attempt.sourceIp == null ? "-" : attempt.sourceIp,
          attempt.notice == null ? "-" : loggable(attempt.notice.transactionId()));
    }
    return reason;
  }

  /** Transport, authenticity and the hand-off, each rejection recorded. */
  private ReasonCode run(NoticeChannel channel, HttpServletRequest request, Attempt attempt) {
    return recorded(
        attempt,
        () -> {
          transport.checkAllowed(attempt.sourceIp, channel.transport().allowedIps());
          transport.checkContentType(request, channel.transport().contentType());
          attempt.body = transport.body(request);
          VerifiedNotice verified = channel.authenticate(request, attempt.body);
          attempt.proven = true;
          return transactions.execute(tx -> handOff(attempt, verified));
        });
  }

  /** Runs the attempt's stages; whatever refuses or fails it is recorded. */
  private ReasonCode recorded(Attempt attempt, Supplier<ReasonCode> stages) {
    ReasonCode reason;
    try {
      reason = stages.get();
    } catch (NoticeRejected rejected) {
      attempt.rejection = rejected;
      reason = recordRejection(attempt, rejected.reason());
    } catch (DataAccessException | TransactionException e) {
      log.warn(
          "{} notice could not be handed off, the gateway will retry: {}",
          attempt.channel,
          e.toString());
      reason = ReasonCode.UNAVAILABLE;
      if (!databaseUnreachable(e)) {
        recordFailure(attempt, reason);
      }
    } catch (RefundNoticeUndelivered e) {
      log.warn(
          "{} refund notice could not be delivered, the gateway will retry: {}",
          attempt.channel,
          e.getMessage());
      reason = ReasonCode.UNAVAILABLE;
      recordFailure(attempt, reason);
    } catch (RuntimeException e) {
      log.error("{} notice failed unexpectedly, the gateway will retry", attempt.channel, e);
      reason = ReasonCode.INTERNAL_ERROR;
      recordFailure(attempt, reason);
    }
    return reason;
  }

  /**
   * Inside the hand-off transaction: claims the replay key, reads the notice, checks it against the
   * order, records the settlement in the inbox and the notice in the audit table. A rejection
   * thrown here rolls all of it back; {@link #recordRejection} then records it on its own.
   */
  private ReasonCode handOff(Attempt attempt, VerifiedNotice verified) {
    if (verified.replayKey().isPresent()) {
      nonces.claim(attempt.channel, verified.replayKey().get());
      attempt.fresh = verified.replayKey().get();
    }
    if (verified.isRefund()) {
      return deliverRefund(attempt, verified.refund().read());
    }
    attempt.notice = verified.content().read();
    storable(attempt, attempt.notice.transactionId(), attempt.notice.orderNo());
    return audited(
        attempt,
        attempt.notice.paid() ? settle(attempt, attempt.notice) : ReasonCode.NOT_PAID_STATUS);
  }

  /**
   * Inside the hand-off transaction: delivers a refund notice to its settlement. Delivery comes
   * before the commit, so when Temporal cannot take it the replay key is given back with the
   * rollback and the gateway's retry gets through; a repeated notice is harmless, the settlement
   * acts on a refund's outcome once.
   */
  private ReasonCode deliverRefund(Attempt attempt, RefundNotice refund) {
    attempt.notice = refund.audited();
    storable(attempt, refund.transactionId(), refund.orderNo());
    boolean awaited =
        refunds.deliver(
            refund.transactionId(),
            new RefundOutcome(refund.refundKey(), refund.status(), refund.gatewayRefundId()));
    return audited(attempt, awaited ? ReasonCode.REFUND_NOTIFIED : ReasonCode.REFUND_NOT_AWAITED);
  }

  /** Refuses ids longer than their columns (no real one is), then names them in the log context. */
  private static void storable(Attempt attempt, String transactionId, String orderNo) {
    if (tooLong(transactionId) || tooLong(orderNo)) {
      throw new NoticeRejected(
          ReasonCode.MALFORMED,
          "transaction id or order number longer than " + MAX_ID_LENGTH + " characters");
    }
    LogContext.put(attempt.channel, transactionId, orderNo);
  }

  /** The audit row of a notice taken inside the hand-off transaction. */
  private ReasonCode audited(Attempt attempt, ReasonCode reason) {
    audit.record(
        attempt.source,
        attempt.channel,
        attempt.sourceIp,
        attempt.body,
        attempt.notice,
        null,
        reason);
    return reason;
  }

  /**
   * Records a rejected notice. A genuine, fresh notice keeps its replay key claimed, so a captured
   * copy sent again is refused as a replay whatever else was wrong with it.
   */
  private ReasonCode recordRejection(Attempt attempt, ReasonCode reason) {
    try {
      transactions.executeWithoutResult(
          tx -> {
            if (attempt.fresh != null) {
              nonces.claimIfFree(attempt.channel, attempt.fresh);
            }
            audit.record(
                attempt.source,
                attempt.channel,
                attempt.sourceIp,
                attempt.body,
                attempt.notice,
                attempt.rejection,
                reason);
          });
      return reason;
    } catch (DataAccessException | TransactionException e) {
      log.warn(
          "{} notice could not be recorded, the gateway will retry: {}",
          attempt.channel,
          e.toString());
      return ReasonCode.UNAVAILABLE;
    }
  }

  /** Records a notice we failed to hand off (its replay key was given back with the rollback). */
  private void recordFailure(Attempt attempt, ReasonCode reason) {
    try {
      audit.record(
          attempt.source,
          attempt.channel,
          attempt.sourceIp,
          attempt.body,
          attempt.notice,
          attempt.rejection,
          reason);
    } catch (DataAccessException e) {
      log.warn("{} notice could not be recorded either: {}", attempt.channel, e.toString());
    }
  }

  /**
   * The database is unreachable or too slow: another statement would only add its timeout to the
   * gateway's wait.
   */
  private static boolean databaseUnreachable(RuntimeException e) {
    return e instanceof DataAccessResourceFailureException
        || e instanceof RecoverableDataAccessException
        || e instanceof TransientDataAccessException
        || e instanceof CannotCreateTransactionException;
  }

  private static boolean tooLong(String id) {
    return id != null && id.length() > MAX_ID_LENGTH;
  }

  /** Rejection details may quote what the caller sent: no line breaks into our logs. */
  private static String loggable(String detail) {
    return detail == null ? "-" : detail.replaceAll("\\p{Cntrl}", "?");
  }

  /**
   * Business checks, then the settlement's row in the inbox. One read answers both what the order
   * says and whether the transaction is recorded already, so a gateway's repeat costs no insert
   * that fails on its key.
   */
  private ReasonCode settle(Attempt attempt, PaymentNotice notice) {
    Optional<PayableOrder> order =
        jdbc.sql(
                """
                SELECT o.payable, o.currency, o.status, o.transaction_id,
                       s.channel AS recorded_channel, s.order_no AS recorded_order_no,
                       s.amount AS recorded_amount, s.dispatched_at IS NOT NULL AS dispatched
                  FROM orders o LEFT JOIN settlements s ON s.transaction_id = ?
                 WHERE o.order_no = ?
                """)
            .params(notice.transactionId(), notice.orderNo())
            .query(PayableOrder.class)
            .optional();
    if (order.isEmpty()) {
      throw new NoticeRejected(ReasonCode.UNKNOWN_ORDER, "no order " + notice.orderNo());
    }
    if (order.get().recorded()) {
      return duplicate(
          attempt,
          notice,
          order.get().recordedChannel(),
          order.get().recordedOrderNo(),
          order.get().recordedAmount(),
          order.get().dispatched());
    }
    // The order records the transaction that paid it once the saga ran for it: a notice of that
    // transaction is a duplicate, also when retention has deleted its finished settlement (and
    // with it the ledger that would keep a second run from applying the steps again).
    if (notice.transactionId().equals(order.get().transactionId())) {
      return ReasonCode.DUPLICATE;
    }
    // A genuine payment that does not fit is acknowledged and handed off all the same: the money
    // has moved, a refusal would only have the gateway retry for a day. The saga refunds it.
    ReasonCode misfit = null;
    if (order.get().payable() != notice.amount()) {
      misfit = ReasonCode.AMOUNT_MISMATCH;
    } else if (!order.get().currency().equals(notice.currency())) {
      misfit = ReasonCode.CURRENCY_MISMATCH;
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
    if (inbox.insertIfAbsent(request, attempt.source.name())) {
      attempt.dispatch = request;
      return misfit != null ? misfit : order.get().handOff(notice.transactionId());
    }
    // A copy of this notice committed its row after our read (we waited on its key).
    Optional<SettlementRecord> known = inbox.find(notice.transactionId());
    if (known.isEmpty()) {
      return ReasonCode.DUPLICATE;
    }
    SettlementRecord recorded = known.get();
    return duplicate(
        attempt,
        notice,
        recorded.channel(),
        recorded.orderNo(),
        recorded.amount(),
        recorded.dispatched());
  }

  /**
   * A notice of a transaction the inbox holds already: the same payment, or a forgery of its id.
   */
  private ReasonCode duplicate(
      Attempt attempt,
      PaymentNotice notice,
      String channel,
      String orderNo,
      long amount,
      boolean dispatched) {
    if (!channel.equals(notice.channel())
        || !orderNo.equals(notice.orderNo())
        || amount != notice.amount()) {
      throw new NoticeRejected(
          ReasonCode.DUPLICATE_MISMATCH,
          "transaction was recorded for another channel, order or amount");
    }
    if (!dispatched) {
      // Its first hand-off committed but its start did not happen yet (or failed): try now.
      inbox.find(notice.transactionId()).ifPresent(row -> attempt.dispatch = row.toRequest());
    }
    return ReasonCode.DUPLICATE;
  }

  /** What one request has got to so far; read by whatever records it. */
  private static final class Attempt {
    final NoticeSource source;
    final String channel;
    final String sourceIp;
    byte[] body;
    boolean proven;
    ReplayKey fresh;
    PaymentNotice notice;
    NoticeRejected rejection;
    SettlementRequest dispatch;

    Attempt(NoticeSource source, String channel, String sourceIp) {
      this.source = source;
      this.channel = channel;
      this.sourceIp = sourceIp;
    }
  }

  /**
   * The order a notice names, and the settlement its transaction has already (its columns null when
   * it has none).
   */
  record PayableOrder(
      long payable,
      String currency,
      String status,
      String transactionId,
      String recordedChannel,
      String recordedOrderNo,
      Long recordedAmount,
      Boolean dispatched) {

    boolean recorded() {
      return recordedChannel != null;
    }

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
