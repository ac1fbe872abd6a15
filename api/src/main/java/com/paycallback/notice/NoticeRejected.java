package com.paycallback.notice;

/**
 * A notice refused at some stage of the pipeline. The detail is for logs and the audit trail; it
 * never contains secrets or the payload.
 */
public class NoticeRejected extends RuntimeException {

  private final ReasonCode reason;
  private final String claimedTransactionId;
  private final String claimedOrderNo;

  public NoticeRejected(ReasonCode reason, String detail) {
    this(reason, detail, null, null);
  }

  private NoticeRejected(
      ReasonCode reason, String detail, String claimedTransactionId, String claimedOrderNo) {
    super(detail, null, false, false);
    this.reason = reason;
    this.claimedTransactionId = claimedTransactionId;
    this.claimedOrderNo = claimedOrderNo;
  }

  /**
   * The same rejection, carrying the ids the notice claims (unverified) so the audit row can be
   * found by them.
   */
  public NoticeRejected claiming(String transactionId, String orderNo) {
    return new NoticeRejected(reason, getMessage(), transactionId, orderNo);
  }

  public String claimedTransactionId() {
    return claimedTransactionId;
  }

  public String claimedOrderNo() {
    return claimedOrderNo;
  }

  public ReasonCode reason() {
    return reason;
  }
}
