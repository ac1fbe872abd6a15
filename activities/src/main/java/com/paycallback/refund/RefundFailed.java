package com.paycallback.refund;

/** A refund the gateway did not accept (yet): unreachable, an error answer, a bad signature. */
public class RefundFailed extends RuntimeException {
  public RefundFailed(String message) {
    super(message);
  }

  public RefundFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
