package com.paycallback.sandbox;

import com.paycallback.settlement.PaymentSettlementWorkflow;
import com.paycallback.settlement.PaymentSettlementWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.common.metadata.POJOWorkflowImplMetadata;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.spring.boot.autoconfigure.template.WorkersTemplate;
import io.temporal.spring.boot.autoconfigure.template.WorkflowImplementationOptionsTemplate;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ceiling worker (embedded default only), on the settlement worker's own factory before it
 * starts: the same test server, interceptors and workflow cache, the settlement worker's options
 * (slots, pollers) and the workflow options the starter builds from the same customizers (the
 * saga's activity timeouts and retries), so the only difference left is what the steps do.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "paycallback.sandbox.enabled", havingValue = "true")
class CeilingConfig {

  @Bean
  Ceiling ceiling(
      WorkflowClient client,
      WorkersTemplate workers,
      ObjectProvider<TemporalOptionsCustomizer<WorkflowImplementationOptions.Builder>>
          workflowOptions) {
    Ceiling ceiling = new Ceiling(client);
    // The configured workers first: the ceiling worker copies the settlement worker's options.
    workers.getWorkers();
    WorkerFactory factory = workers.getWorkerFactory();
    WorkerOptions settlementWorker =
        factory.getWorker(PaymentSettlementWorkflow.TASK_QUEUE).getWorkerOptions();
    Worker worker =
        factory.newWorker(Ceiling.TASK_QUEUE, WorkerOptions.newBuilder(settlementWorker).build());
    worker.registerWorkflowImplementationTypes(
        new WorkflowImplementationOptionsTemplate(workflowOptions.orderedStream().toList())
            .createWorkflowImplementationOptions(
                worker,
                PaymentSettlementWorkflowImpl.class,
                POJOWorkflowImplMetadata.newInstance(PaymentSettlementWorkflowImpl.class)
                    .getWorkflowMethods()
                    .get(0)),
        PaymentSettlementWorkflowImpl.class);
    // Registered once, it serves the saga's activity calls and its local activity calls alike.
    worker.registerActivitiesImplementations(new CeilingActivities(ceiling::progressed));
    return ceiling;
  }
}
