package com.paycallback.notify;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The answer of the JSON webhooks (WeChat Pay's form, which the generic channel shares): 204 once
 * received, otherwise the status with {@code {"code":"FAIL","message":"<reason code>"}}.
 */
public final class JsonAnswer {

  private JsonAnswer() {}

  public static ResponseEntity<Map<String, String>> of(ReasonCode reason) {
    if (reason.acknowledged()) {
      return ResponseEntity.noContent().build();
    }
    return ResponseEntity.status(reason.httpStatus())
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("code", "FAIL", "message", reason.name()));
  }
}
