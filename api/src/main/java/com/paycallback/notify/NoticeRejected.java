package com.paycallback.notify;

/**
 * A notice refused at some stage of the pipeline. The detail is for logs and the audit trail; it
 * never contains secrets or the payload.
 */
public class NoticeRejected extends RuntimeException {

  private final ReasonCode reason;

  public NoticeRejected(ReasonCode reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  public ReasonCode reason() {
    return reason;
  }
}
