package com.paycallback.sandbox;

import java.util.Collection;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sandbox fault injection (embedded default only): {@code POST /sandbox/faults
 * {"step":"increaseSales","mode":"TRANSIENT|PERMANENT|UNTIL_CLEARED","times":N,"orderNo":..}},
 * {@code DELETE /sandbox/faults/{step}}, {@code GET /sandbox/faults}.
 */
@RestController
@RequestMapping("/sandbox/faults")
@ConditionalOnProperty(name = "paycallback.sandbox.enabled", havingValue = "true")
class SandboxFaultsController {

  private final SandboxFaults faults;

  SandboxFaultsController(SandboxFaults faults) {
    this.faults = faults;
  }

  @PostMapping
  ResponseEntity<?> inject(@RequestBody FaultRequest request) {
    if (request.step() == null || !SandboxFaults.STEPS.contains(request.step())) {
      return ResponseEntity.badRequest()
          .body(Map.of("error", "step must be one of " + SandboxFaults.STEPS));
    }
    if (request.mode() == null) {
      return ResponseEntity.badRequest()
          .body(Map.of("error", "mode must be TRANSIENT, PERMANENT or UNTIL_CLEARED"));
    }
    int times = request.times() == null ? 1 : request.times();
    if (request.mode() == SandboxFaults.Mode.TRANSIENT && times < 1) {
      return ResponseEntity.badRequest().body(Map.of("error", "times must be at least 1"));
    }
    SandboxFaults.Fault fault =
        new SandboxFaults.Fault(request.step(), request.mode(), times, request.orderNo());
    faults.put(fault);
    return ResponseEntity.status(HttpStatus.CREATED).body(fault);
  }

  @GetMapping
  Collection<SandboxFaults.Fault> list() {
    return faults.all();
  }

  @DeleteMapping("/{step}")
  ResponseEntity<Void> clear(@PathVariable String step) {
    return faults.clear(step)
        ? ResponseEntity.noContent().build()
        : ResponseEntity.notFound().build();
  }

  record FaultRequest(String step, SandboxFaults.Mode mode, Integer times, String orderNo) {}
}
