package com.paycallback.observability;

import com.paycallback.settlement.SettlementRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the settlement's transaction id, order number and channel into the MDC of every activity's
 * log lines, and counts what operators alert on: failed step attempts and refunds. Registered
 * between the sandbox's fault injection (innermost) and the attempt reporter (outermost), so it
 * sees a step's own exception, not the reporter's wrapping.
 */
public class StepObservingInterceptor extends WorkerInterceptorBase {

  private static final Logger log = LoggerFactory.getLogger(StepObservingInterceptor.class);

  private final MeterRegistry meters;

  public StepObservingInterceptor(MeterRegistry meters) {
    this.meters = meters;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private String step;

      @Override
      public void init(ActivityExecutionContext context) {
        // Temporal names an activity type after its method, capitalised: markOrderPaid's is
        // MarkOrderPaid. The step keeps the name the ledger and the admin API use.
        String type = context.getInfo().getActivityType();
        step = Character.toLowerCase(type.charAt(0)) + type.substring(1);
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        SettlementRequest request = settlementOf(input);
        LogContext.put(request);
        try {
          ActivityOutput output = super.execute(input);
          if ("refund".equals(step)) {
            refunds(request, "requested");
          }
          if ("markOrderSettled".equals(step)) {
            log.info("order {} settled", request == null ? "-" : request.orderNo());
          }
          return output;
        } catch (RuntimeException e) {
          meters
              .counter("paycallback.step.failures", "step", step, "error", errorType(e))
              .increment();
          if ("refund".equals(step)) {
            refunds(request, "failed");
          }
          throw e;
        } finally {
          LogContext.clear();
        }
      }
    };
  }

  private void refunds(SettlementRequest request, String outcome) {
    meters
        .counter(
            "paycallback.refunds",
            "channel",
            request == null ? "unknown" : request.channel(),
            "outcome",
            outcome)
        .increment();
  }

  private static SettlementRequest settlementOf(
      ActivityInboundCallsInterceptor.ActivityInput input) {
    Object[] arguments = input.getArguments();
    return arguments.length > 0 && arguments[0] instanceof SettlementRequest request
        ? request
        : null;
  }

  /** The failure's type name: a business failure's own type, otherwise the exception's class. */
  private static String errorType(RuntimeException e) {
    return e instanceof ApplicationFailure failure
        ? failure.getType()
        : e.getClass().getSimpleName();
  }
}
