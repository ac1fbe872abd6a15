package com.paycallback.admin;

import com.paycallback.reconcile.Reconciler;
import com.paycallback.reconcile.Reconciler.Action;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/orders/{orderNo}}: the order's reconciliation (viewers too). {@code POST
 * /admin/orders/{orderNo}/reconcile} (operators only): asks every gateway the buyer started paying
 * with about the order now, and answers what each said and what was done.
 */
@RestController
@RequestMapping("/admin/orders")
class AdminOrdersController {

  private final Reconciler reconciler;

  AdminOrdersController(Reconciler reconciler) {
    this.reconciler = reconciler;
  }

  /** The order's prepay channels and reconciliation schedule, with the gateways' last answer. */
  @GetMapping("/{orderNo}")
  ResponseEntity<?> order(@PathVariable String orderNo) {
    return reconciler
        .standing(orderNo)
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElse(
            ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Map.of("error", "no order " + orderNo)));
  }

  @PostMapping("/{orderNo}/reconcile")
  ResponseEntity<?> reconcile(@PathVariable String orderNo) {
    return reconciler
        .reconcileNow(orderNo)
        .<ResponseEntity<?>>map(
            done ->
                done.action() == Action.BUSY
                    ? ResponseEntity.status(HttpStatus.CONFLICT).body(done)
                    : ResponseEntity.ok(done))
        .orElse(
            ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Map.of("error", "no order " + orderNo)));
  }
}
