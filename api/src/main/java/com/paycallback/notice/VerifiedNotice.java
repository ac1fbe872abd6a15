package com.paycallback.notice;

import java.util.Optional;

/**
 * A notice whose signature and timestamp a channel has proven, not yet read. The pipeline claims
 * its replay key before reading it, so a captured genuine request sent again is refused as a
 * replay, whatever its content turns out to be.
 *
 * @param replayKey absent where the protocol carries no timestamp to bound a nonce by
 * @param content decrypts and reads the notice and checks it is for us
 */
public record VerifiedNotice(Optional<ReplayKey> replayKey, Content content) {

  /** Reading the proven notice: decryption, parsing, our app and merchant ids. */
  @FunctionalInterface
  public interface Content {

    /**
     * @throws NoticeRejected for a notice that does not decrypt, parse or belong to us
     */
    PaymentNotice read();
  }

  public static VerifiedNotice replayable(ReplayKey replayKey, Content content) {
    return new VerifiedNotice(Optional.of(replayKey), content);
  }

  /** A notice read in full while its signature was checked, its protocol having no nonce. */
  public static VerifiedNotice withoutReplayKey(PaymentNotice notice) {
    return new VerifiedNotice(Optional.empty(), () -> notice);
  }
}
