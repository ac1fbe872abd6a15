package com.paycallback.sandbox;

import com.paycallback.settlement.CompensationStep;
import com.paycallback.settlement.SettlementStep;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Faults the sandbox injects into named saga steps (embedded default only), so the operator lane
 * can be shown and tested end to end. One fault per step, optionally limited to one order.
 */
class SandboxFaults {

  /** How a step fails. */
  enum Mode {
    /** The next {@code times} attempts fail with a transient error, then the fault clears. */
    TRANSIENT,
    /** Every attempt fails with a non-retryable error: the saga compensates. */
    PERMANENT,
    /** Every attempt fails with a transient error until the fault is cleared. */
    UNTIL_CLEARED
  }

  /**
   * A fault on one step.
   *
   * @param orderNo the only order it hits, or null for every order
   * @param remaining transient failures left ({@link Mode#TRANSIENT} only)
   */
  record Fault(String step, Mode mode, int remaining, String orderNo) {}

  static final List<String> STEPS =
      Stream.concat(
              Stream.of(SettlementStep.values()).map(SettlementStep::ledgerName),
              Stream.of(CompensationStep.values()).map(CompensationStep::ledgerName))
          .toList();

  private final Map<String, Fault> faults = new ConcurrentHashMap<>();

  void put(Fault fault) {
    faults.put(fault.step(), fault);
  }

  boolean clear(String step) {
    return faults.remove(step) != null;
  }

  Collection<Fault> all() {
    return List.copyOf(faults.values());
  }

  /**
   * The fault this attempt of {@code step} for {@code orderNo} must suffer, if any; counts a
   * transient failure down.
   */
  Optional<Fault> strike(String step, String orderNo) {
    Fault[] struck = new Fault[1];
    faults.computeIfPresent(
        step,
        (name, fault) -> {
          if (fault.orderNo() != null && !fault.orderNo().equals(orderNo)) {
            return fault;
          }
          struck[0] = fault;
          if (fault.mode() != Mode.TRANSIENT) {
            return fault;
          }
          return fault.remaining() <= 1
              ? null
              : new Fault(name, fault.mode(), fault.remaining() - 1, fault.orderNo());
        });
    return Optional.ofNullable(struck[0]);
  }
}
