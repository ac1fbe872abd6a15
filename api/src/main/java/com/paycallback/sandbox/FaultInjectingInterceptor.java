package com.paycallback.sandbox;

import com.paycallback.settlement.SettlementRequest;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import java.beans.Introspector;

/**
 * Fails saga activities as {@link SandboxFaults} says, before they touch anything. A worker
 * interceptor rather than a change to the activities: production code carries no sandbox branch,
 * and this is only a bean while the sandbox is enabled ({@code SandboxSagaConfig}).
 */
class FaultInjectingInterceptor extends WorkerInterceptorBase {

  /** The failure type of a {@link SandboxFaults.Mode#PERMANENT} fault. */
  static final String PERMANENT_FAULT = "SandboxPermanentFault";

  private final SandboxFaults faults;

  FaultInjectingInterceptor(SandboxFaults faults) {
    this.faults = faults;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private String step;

      @Override
      public void init(ActivityExecutionContext context) {
        // Activity types are the interface's method names, capitalised: IncreaseSales.
        step = Introspector.decapitalize(context.getInfo().getActivityType());
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        Object[] arguments = input.getArguments();
        String orderNo =
            arguments.length > 0 && arguments[0] instanceof SettlementRequest request
                ? request.orderNo()
                : null;
        faults
            .strike(step, orderNo)
            .ifPresent(
                fault -> {
                  if (fault.mode() == SandboxFaults.Mode.PERMANENT) {
                    throw ApplicationFailure.newNonRetryableFailure(
                        "sandbox fault: " + step + " fails for good", PERMANENT_FAULT);
                  }
                  throw new IllegalStateException("sandbox fault: " + step + " is down");
                });
        return super.execute(input);
      }
    };
  }
}
