package com.paycallback.notice;

/**
 * Why a notice got the answer it got. One code is shared by the answer, the audit row ({@code
 * payment_notices.reason_code}), the logs and the metrics.
 */
public enum ReasonCode {
  /** Verified and handed off to the settlement saga. */
  ACCEPTED(Outcome.ACCEPTED, 200),
  /**
   * Genuine, but the order was closed before the money arrived: handed to the saga, which refunds
   * it in full and changes nothing else.
   */
  LATE_PAYMENT(Outcome.ACCEPTED, 200),
  /** Genuine, but the order is paid already by another transaction: this one is refunded. */
  DOUBLE_PAYMENT(Outcome.ACCEPTED, 200),
  /** The same notice again (gateway retry, or TRADE_FINISHED after TRADE_SUCCESS). */
  DUPLICATE(Outcome.DUPLICATE, 200),
  /** Genuine, but its status does not mean paid: recorded and acknowledged, never settled. */
  NOT_PAID_STATUS(Outcome.IGNORED, 200),
  /**
   * Genuine, but the paid amount is not the order's payable: the money has moved, so it is
   * acknowledged and handed to the saga, which refunds it and changes nothing else.
   */
  AMOUNT_MISMATCH(Outcome.ACCEPTED, 200),
  /** Genuine, but paid in another currency than the order's: refunded like a wrong amount. */
  CURRENCY_MISMATCH(Outcome.ACCEPTED, 200),
  /** A genuine refund notice, delivered to the settlement that asked for the refund. */
  REFUND_NOTIFIED(Outcome.ACCEPTED, 200),
  /**
   * A genuine refund notice that no running settlement awaits (an unknown transaction, a finished
   * settlement, a refund made elsewhere): recorded and acknowledged, so the gateway stops.
   */
  REFUND_NOT_AWAITED(Outcome.IGNORED, 200),

  BODY_TOO_LARGE(Outcome.REJECTED, 413),
  /** The body did not arrive whole within {@code paycallback.notice-read-timeout}. */
  READ_TIMEOUT(Outcome.REJECTED, 408),
  UNSUPPORTED_MEDIA_TYPE(Outcome.REJECTED, 415),
  IP_NOT_ALLOWED(Outcome.REJECTED, 403),
  MALFORMED(Outcome.REJECTED, 400),
  SIGNATURE_MISSING(Outcome.REJECTED, 401),
  SIGNATURE_INVALID(Outcome.REJECTED, 401),
  UNKNOWN_KEY(Outcome.REJECTED, 401),
  STALE_TIMESTAMP(Outcome.REJECTED, 401),
  REPLAYED_NONCE(Outcome.REJECTED, 401),
  DECRYPTION_FAILED(Outcome.REJECTED, 400),
  APP_ID_MISMATCH(Outcome.REJECTED, 400),
  MERCHANT_MISMATCH(Outcome.REJECTED, 400),
  UNKNOWN_ORDER(Outcome.REJECTED, 400),
  /** Same transaction id as an earlier notice, but a different order, amount or channel. */
  DUPLICATE_MISMATCH(Outcome.REJECTED, 409),

  /**
   * The source's failed notices spent its budget ({@code rejection-limit}): refused before its body
   * is read or any crypto runs, until the window refills.
   */
  THROTTLED(Outcome.REJECTED, 429),

  /** The database is unavailable: the gateway should retry. */
  UNAVAILABLE(Outcome.ERROR, 503),
  /** Something we did not expect went wrong on our side: recorded, and the gateway retries. */
  INTERNAL_ERROR(Outcome.ERROR, 500);

  private final Outcome outcome;
  private final int httpStatus;

  ReasonCode(Outcome outcome, int httpStatus) {
    this.outcome = outcome;
    this.httpStatus = httpStatus;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** The HTTP status of the answer; the body follows the channel's protocol. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Whether the gateway is told the notice was received (it stops retrying). */
  public boolean acknowledged() {
    return httpStatus == 200;
  }

  /** The {@code payment_notices.outcome} column. */
  public enum Outcome {
    ACCEPTED,
    DUPLICATE,
    IGNORED,
    REJECTED,
    ERROR
  }
}
