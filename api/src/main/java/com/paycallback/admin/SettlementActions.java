package com.paycallback.admin;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code settlement_actions} table: every operator decision, accepted or rejected. */
@Repository
public class SettlementActions {

  private final JdbcClient jdbc;

  SettlementActions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void record(
      String transactionId,
      String action,
      String step,
      String operator,
      String outcome,
      String detail) {
    jdbc.sql(
            """
            INSERT INTO settlement_actions (transaction_id, action, step, operator, outcome, detail)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        .params(
            transactionId,
            action,
            step,
            operator,
            outcome,
            detail == null || detail.length() <= 300 ? detail : detail.substring(0, 300))
        .update();
  }

  /**
   * Deletes the decisions on finished settlements (retention), inside the caller's transaction that
   * deletes their {@code settlements} rows.
   */
  public void forget(Collection<String> transactionIds) {
    jdbc.sql("DELETE FROM settlement_actions WHERE transaction_id IN (:ids)")
        .param("ids", transactionIds)
        .update();
  }

  List<Action> of(String transactionId) {
    return jdbc.sql(
            """
            SELECT action, step, operator, outcome, detail, acted_at FROM settlement_actions
             WHERE transaction_id = ? ORDER BY id
            """)
        .param(transactionId)
        .query(
            (rs, row) ->
                new Action(
                    rs.getString("action"),
                    rs.getString("step"),
                    rs.getString("operator"),
                    rs.getString("outcome"),
                    rs.getString("detail"),
                    instant(rs.getTimestamp("acted_at"))))
        .list();
  }

  private static String instant(Timestamp timestamp) {
    return timestamp.toInstant().toString();
  }

  /** One operator decision as the admin API shows it. */
  record Action(
      String action, String step, String operator, String outcome, String detail, String actedAt) {}
}
