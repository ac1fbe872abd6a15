package com.paycallback.activities;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;

/**
 * Lets the workflow tell operators how many attempts a parked step spent: a failed attempt's
 * exception is rethrown as a retryable {@link ApplicationFailure} of the same type name (so retry
 * rules keyed on type names still apply) carrying the attempt number as its details. Temporal does
 * not give workflow code the attempt count of a failed activity otherwise.
 *
 * <p>Register it as the outermost activity interceptor (last in the worker factory's list).
 */
public class AttemptReportingInterceptor extends WorkerInterceptorBase {

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private int attempt;

      @Override
      public void init(ActivityExecutionContext context) {
        // The context is bound to the activity's thread only while the method runs: read it now.
        attempt = context.getInfo().getAttempt();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        try {
          return super.execute(input);
        } catch (ApplicationFailure failure) {
          throw failure;
        } catch (RuntimeException e) {
          throw ApplicationFailure.newFailureWithCause(
              String.valueOf(e.getMessage()), e.getClass().getName(), e, attempt);
        }
      }
    };
  }
}
