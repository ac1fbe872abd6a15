package com.paycallback.notice;

/** How a payment reached the pipeline: the audit trail and the inbox record it. */
public enum NoticeSource {
  /** The gateway's notice to our webhook. */
  NOTICE,
  /** The gateway's answer to our trade query (the reconciler, or an operator's reconcile). */
  QUERY
}
