package com.paycallback.notice;

import java.util.Optional;

/**
 * A notice whose signature and timestamp a channel has proven, not yet read. The pipeline claims
 * its replay key before reading it, so a captured genuine request sent again is refused as a
 * replay, whatever its content turns out to be.
 *
 * @param replayKey absent where the protocol carries no timestamp to bound a nonce by
 * @param content decrypts and reads a payment notice and checks it is for us; null for a refund
 *     notice
 * @param refund decrypts and reads a refund notice and checks it is for us; null for a payment
 *     notice
 */
public record VerifiedNotice(Optional<ReplayKey> replayKey, Content content, RefundContent refund) {

  /** Reading the proven notice: decryption, parsing, our app and merchant ids. */
  @FunctionalInterface
  public interface Content {

    /**
     * @throws NoticeRejected for a notice that does not decrypt, parse or belong to us
     */
    PaymentNotice read();
  }

  /** Reading a proven refund notice: decryption, parsing, our merchant id. */
  @FunctionalInterface
  public interface RefundContent {

    /**
     * @throws NoticeRejected for a notice that does not decrypt, parse or belong to us
     */
    RefundNotice read();
  }

  public static VerifiedNotice replayable(ReplayKey replayKey, Content content) {
    return new VerifiedNotice(Optional.of(replayKey), content, null);
  }

  /** A notice read in full while its signature was checked, its protocol having no nonce. */
  public static VerifiedNotice withoutReplayKey(PaymentNotice notice) {
    return new VerifiedNotice(Optional.empty(), () -> notice, null);
  }

  /** A gateway's notice about a refund the saga asked for. */
  public static VerifiedNotice refund(ReplayKey replayKey, RefundContent refund) {
    return new VerifiedNotice(Optional.of(replayKey), null, refund);
  }

  public boolean isRefund() {
    return refund != null;
  }
}
