package com.paycallback.sandbox;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /sandbox/ceiling {"settlements":N,"concurrency":C}} (embedded default only): settles
 * N workflows with empty steps on the ceiling worker, C in flight at once (0 or absent: all at
 * once), and answers when all are SETTLED with {@code {"settlements","seconds","perSecond"}}: what
 * the load generator divides its own settlement rate by.
 */
@RestController
@RequestMapping("/sandbox/ceiling")
@ConditionalOnProperty(name = "paycallback.sandbox.enabled", havingValue = "true")
class CeilingController {

  private final Ceiling ceiling;

  CeilingController(Ceiling ceiling) {
    this.ceiling = ceiling;
  }

  @PostMapping
  ResponseEntity<?> measure(@RequestBody CeilingRequest request) throws InterruptedException {
    if (request.settlements() == null
        || request.settlements() < 1
        || request.settlements() > Ceiling.MAX_SETTLEMENTS) {
      return ResponseEntity.badRequest()
          .body(Map.of("error", "settlements must be 1 to " + Ceiling.MAX_SETTLEMENTS));
    }
    int concurrency = request.concurrency() == null ? 0 : request.concurrency();
    if (concurrency < 0) {
      return ResponseEntity.badRequest()
          .body(Map.of("error", "concurrency must be 0 (all at once) or more"));
    }
    try {
      return ResponseEntity.ok(ceiling.measure(request.settlements(), concurrency));
    } catch (Ceiling.Busy busy) {
      return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", busy.getMessage()));
    } catch (Ceiling.Failed failed) {
      return ResponseEntity.internalServerError().body(Map.of("error", failed.getMessage()));
    }
  }

  record CeilingRequest(Integer settlements, Integer concurrency) {}
}
