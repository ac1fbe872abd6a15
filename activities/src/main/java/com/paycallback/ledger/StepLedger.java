package com.paycallback.ledger;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The idempotency ledger ({@code settlement_steps}, unique on transaction id + step). A step's
 * ledger row and its effect commit in one local transaction, so a step is applied exactly once
 * however often Temporal runs it.
 */
public class StepLedger {

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public StepLedger(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    // READ COMMITTED: an inverse first reads the order, then may wait on the ledger row of an older
    // attempt of its forward step that is still in flight. Under MySQL's REPEATABLE READ its next
    // read would see the snapshot of its first one and miss what that attempt committed meanwhile
    // (stock not given back, a hold released twice). Each statement here must see the latest
    // commit; the ledger's unique key, not the snapshot, is what keeps a step to one application.
    this.transactions = new TransactionTemplate(transactions.getTransactionManager(), transactions);
    this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
  }

  /**
   * Applies {@code effect} unless the ledger already holds {@code step} for this transaction, and
   * returns the result recorded the first time. An exception from the effect rolls the ledger row
   * back with it, so a failed step is retried from scratch.
   */
  public String once(String transactionId, String step, Supplier<String> effect) {
    Optional<String> recorded = recorded(transactionId, step);
    if (recorded.isPresent()) {
      return recorded.get();
    }
    try {
      return transactions.execute(
          status -> {
            // The insert comes first: a concurrent run of the same step blocks on this key until
            // we commit, then fails with a duplicate key instead of applying the effect again.
            jdbc.sql(
                    "INSERT INTO settlement_steps (transaction_id, step, result) VALUES (?, ?, '')")
                .params(transactionId, step)
                .update();
            String result = effect.get();
            jdbc.sql("UPDATE settlement_steps SET result = ? WHERE transaction_id = ? AND step = ?")
                .params(result, transactionId, step)
                .update();
            return result;
          });
    } catch (DuplicateKeyException alreadyApplied) {
      return recorded(transactionId, step).orElseThrow(() -> alreadyApplied);
    }
  }

  /**
   * For an inverse, inside its {@link #once} transaction: what {@code step} recorded, or, when it
   * never applied, empty after recording it as {@link StepResult#VOIDED} so that a late run of it
   * (a timed-out attempt still in flight, a reset) finds it done and applies nothing. A run of
   * {@code step} in flight holds its ledger key until it commits, so this waits for it instead of
   * missing it.
   */
  public Optional<String> voidUnlessApplied(String transactionId, String step) {
    return recordUnlessPresent(transactionId, step, StepResult.VOIDED)
        ? Optional.empty()
        : recorded(transactionId, step);
  }

  /**
   * Records that an operator skipped {@code step}, so no later run applies it; a step that did
   * apply meanwhile keeps its result.
   */
  public void skip(String transactionId, String step) {
    recordUnlessPresent(transactionId, step, StepResult.SKIPPED);
  }

  private boolean recordUnlessPresent(String transactionId, String step, StepResult result) {
    return jdbc.sql(
                "INSERT IGNORE INTO settlement_steps (transaction_id, step, result) VALUES (?, ?, ?)")
            .params(transactionId, step, result.name())
            .update()
        == 1;
  }

  /**
   * Deletes the ledger of finished settlements (retention), inside the caller's transaction that
   * deletes their {@code settlements} rows.
   */
  public void forget(Collection<String> transactionIds) {
    jdbc.sql("DELETE FROM settlement_steps WHERE transaction_id IN (:ids)")
        .param("ids", transactionIds)
        .update();
  }

  public Optional<String> recorded(String transactionId, String step) {
    return jdbc.sql("SELECT result FROM settlement_steps WHERE transaction_id = ? AND step = ?")
        .params(transactionId, step)
        .query(String.class)
        .optional();
  }
}
