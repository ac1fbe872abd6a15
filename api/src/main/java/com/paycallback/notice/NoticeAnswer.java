package com.paycallback.notice;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The answer forms of the webhook protocols, each written once. Every form answers a received
 * notice so that the gateway stops retrying, and anything else with the reason code's status.
 */
public enum NoticeAnswer {

  /** Plain text: {@code success}, or {@code failure} (the form-POST protocol, Alipay's). */
  TEXT {
    @Override
    public ResponseEntity<?> to(ReasonCode reason) {
      return ResponseEntity.status(reason.httpStatus())
          .contentType(MediaType.TEXT_PLAIN)
          .body(reason.acknowledged() ? "success" : "failure");
    }
  },

  /**
   * JSON: 204 once received, otherwise {@code {"code":"FAIL","message":"<reason code>"}} (WeChat
   * Pay's form, which the generic channel shares).
   */
  JSON {
    @Override
    public ResponseEntity<?> to(ReasonCode reason) {
      if (reason.acknowledged()) {
        return ResponseEntity.noContent().build();
      }
      return ResponseEntity.status(reason.httpStatus())
          .contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("code", "FAIL", "message", reason.name()));
    }
  };

  /** The answer the gateway gets for a notice that ended with this reason. */
  public abstract ResponseEntity<?> to(ReasonCode reason);
}
