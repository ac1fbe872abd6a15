package com.paycallback.notice;

import java.nio.charset.StandardCharsets;
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

    @Override
    public Refusal refusal(ReasonCode reason) {
      return new Refusal(
          reason.httpStatus(),
          "text/plain;charset=UTF-8",
          "failure".getBytes(StandardCharsets.UTF_8));
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

    @Override
    public Refusal refusal(ReasonCode reason) {
      return new Refusal(
          reason.httpStatus(),
          MediaType.APPLICATION_JSON_VALUE,
          ("{\"code\":\"FAIL\",\"message\":\"" + reason.name() + "\"}")
              .getBytes(StandardCharsets.UTF_8));
    }
  };

  /** The answer the gateway gets for a notice that ended with this reason. */
  public abstract ResponseEntity<?> to(ReasonCode reason);

  /**
   * The answer to a refused notice, written out once for answers sent before Spring MVC (the
   * rejection limiter's): the status, content type and body {@link #to} gives the same reason.
   */
  public abstract Refusal refusal(ReasonCode reason);

  /**
   * The form a protocol answers in, told by the type its notices come in: the form-POST protocol
   * (Alipay's) answers plain text, the JSON ones JSON.
   */
  public static NoticeAnswer of(MediaType noticeType) {
    return MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(noticeType) ? TEXT : JSON;
  }

  /** A refusal as it goes on the wire. */
  public record Refusal(int status, String contentType, byte[] body) {}
}
