package com.paycallback.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.ServiceTest;
import com.paycallback.admin.SettlementActions;
import com.paycallback.db.ShopFixture;
import com.paycallback.inbox.SettlementRecords;
import com.paycallback.ledger.StepLedger;
import com.paycallback.notice.NonceRegistry;
import com.paycallback.notice.NoticeAudit;
import com.paycallback.shop.PlacedOrder;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 11: the audit, nonce and ledger tables keep what a dispute needs and no more. Rows are aged
 * by SQL; the job runs with the defaults (180 days of notices, 30 days of rejected payloads, 400
 * days of finished settlements) unless a test says otherwise.
 */
class RetentionTest extends ServiceTest {

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Autowired RetentionJob job;
  @Autowired RetentionProperties defaults;
  @Autowired NoticeAudit audit;
  @Autowired NonceRegistry nonces;
  @Autowired SettlementRecords settlements;
  @Autowired StepLedger ledger;
  @Autowired SettlementActions actions;

  @AfterEach
  void removeHandWrittenSettlements() {
    for (String table : new String[] {"settlement_steps", "settlement_actions", "settlements"}) {
      jdbc.sql("DELETE FROM " + table + " WHERE transaction_id LIKE ?")
          .param("RET-" + run + "%")
          .update();
    }
  }

  @Test
  void agedNoticesAreDeletedAndRejectedPayloadsDroppedYoungerOnesKept() {
    notice("accepted-old", "ACCEPTED", "ACCEPTED", 200);
    notice("duplicate-old", "DUPLICATE", "DUPLICATE", 181);
    notice("ignored-old", "IGNORED", "NOT_PAID_STATUS", 181);
    notice("accepted-young", "ACCEPTED", "ACCEPTED", 170);
    notice("rejected-old", "REJECTED", "SIGNATURE_INVALID", 200);
    notice("error-old", "ERROR", "UNAVAILABLE", 200);
    notice("rejected-month", "REJECTED", "SIGNATURE_INVALID", 31);
    notice("rejected-young", "REJECTED", "SIGNATURE_INVALID", 29);

    job.run();

    assertThat(notices("accepted-old", "duplicate-old", "ignored-old", "rejected-old", "error-old"))
        .isZero();
    assertThat(withPayload("accepted-young")).isEqualTo(1);
    assertThat(withPayload("rejected-young")).isEqualTo(1);
    assertThat(notices("rejected-month")).as("the row stays").isEqualTo(1);
    assertThat(withPayload("rejected-month")).as("its payload does not").isZero();
  }

  @Test
  void finishedSettlementsGoWithTheirLedgerUnfinishedOnesStay() {
    settlement("settled-old", "SETTLED", 401);
    settlement("compensated-old", "COMPENSATED", 500);
    settlement("settled-young", "SETTLED", 399);
    settlement("parked-old", "NEEDS_ATTENTION", 500);
    settlement("running-old", "RUNNING", 500);
    settlement("compensating-old", "COMPENSATING", 500);

    job.run();

    for (String gone : new String[] {"settled-old", "compensated-old"}) {
      assertThat(rows(gone)).as(gone).containsExactly(0, 0, 0);
    }
    for (String kept :
        new String[] {"settled-young", "parked-old", "running-old", "compensating-old"}) {
      assertThat(rows(kept)).as(kept).containsExactly(1, 2, 1);
    }
  }

  @Test
  void aBacklogLargerThanABatchIsDeletedInSeveralBatches() {
    for (int i = 0; i < 7; i++) {
      notice("backlog-" + i, "ACCEPTED", "ACCEPTED", 365);
      notice("stripped-" + i, "REJECTED", "SIGNATURE_INVALID", 60);
      settlement("backlog-" + i, "SETTLED", 800);
      jdbc.sql(
              "INSERT INTO notice_nonces (channel, nonce, expires_at)"
                  + " VALUES ('generic', ?, TIMESTAMPADD(MINUTE, -5, CURRENT_TIMESTAMP(3)))")
          .param("RET-" + run + "-" + i)
          .update();
    }
    RetentionProperties smallBatches =
        new RetentionProperties(
            true,
            defaults.notices(),
            defaults.rejectedPayloads(),
            defaults.rejectedNotices(),
            defaults.settlements(),
            3,
            defaults.interval());
    RetentionJob batched =
        new RetentionJob(smallBatches, audit, nonces, settlements, ledger, actions);

    RetentionJob.Removed removed = batched.run();
    batched.forgetExpiredNonces();

    assertThat(removed.notices()).isGreaterThanOrEqualTo(7);
    assertThat(removed.rejectedPayloads()).isGreaterThanOrEqualTo(7);
    assertThat(removed.settlements()).isGreaterThanOrEqualTo(7);
    for (int i = 0; i < 7; i++) {
      assertThat(notices("backlog-" + i)).isZero();
      assertThat(withPayload("stripped-" + i)).isZero();
      assertThat(rows("backlog-" + i)).containsExactly(0, 0, 0);
    }
    assertThat(count("SELECT COUNT(*) FROM notice_nonces WHERE nonce LIKE ?", "RET-" + run + "%"))
        .isZero();
  }

  @Test
  void aNoticeReplayedAfterItsSettlementWasDeletedSettlesNothingAgain() {
    ShopFixture shop = shop();
    String sku = shop.sku("KETTLE", 8800, 10);
    PlacedOrder order = shop.plainOrder(sku, 2);
    String transactionId = "2026012222001" + shop.suffix;
    Map<String, String> notice = alipayPaid(transactionId, order);
    assertThat(postAlipay(notice).body()).isEqualTo("success");
    awaitSettlementStatus(transactionId, "SETTLED");
    jdbc.sql(
            "UPDATE settlements SET updated_at = TIMESTAMPADD(DAY, -401, updated_at)"
                + " WHERE transaction_id = ?")
        .param(transactionId)
        .update();
    job.run();
    assertThat(count("SELECT COUNT(*) FROM settlements WHERE transaction_id = ?", transactionId))
        .isZero();

    assertThat(postAlipay(notice).body()).isEqualTo("success");

    assertThat(count("SELECT COUNT(*) FROM settlements WHERE transaction_id = ?", transactionId))
        .isZero();
    assertThat(
            count(
                "SELECT COUNT(*) FROM payment_notices WHERE transaction_id = ? AND outcome = ?",
                transactionId,
                "DUPLICATE"))
        .isEqualTo(1);
    assertThat(shop.sku(sku)).containsEntry("stock", 8).containsEntry("sales", 2);
    assertThat(shop.orderStatus(order.orderNo())).isEqualTo("SETTLED");
  }

  /** An audit row with an (unreadable) payload, received {@code days} ago. */
  private void notice(String name, String outcome, String reason, int days) {
    jdbc.sql(
            """
            INSERT INTO payment_notices (channel, transaction_id, source_ip, outcome, reason_code,
                                         payload_key_id, payload_ciphertext, received_at)
            VALUES ('generic', ?, '127.0.0.1', ?, ?, 'k1', X'00',
                    TIMESTAMPADD(DAY, ?, CURRENT_TIMESTAMP(3)))
            """)
        .params(id(name), outcome, reason, -days)
        .update();
  }

  /**
   * A settlement last updated {@code days} ago with two ledger rows and an operator decision. Its
   * check is due only tomorrow: the dispatcher's sweep leaves these hand-written rows alone.
   */
  private void settlement(String name, String status, int days) {
    String transactionId = id(name);
    jdbc.sql(
            """
            INSERT INTO settlements (transaction_id, channel, order_no, amount, currency, paid_at,
                                     status, created_at, updated_at, dispatched_at, checked_at)
            VALUES (?, 'generic', ?, 100, 'CNY', CURRENT_TIMESTAMP(3), ?,
                    TIMESTAMPADD(DAY, ?, CURRENT_TIMESTAMP(3)),
                    TIMESTAMPADD(DAY, ?, CURRENT_TIMESTAMP(3)),
                    CURRENT_TIMESTAMP(3), TIMESTAMPADD(DAY, 1, CURRENT_TIMESTAMP(3)))
            """)
        .params(transactionId, "PO-" + transactionId, status, -days - 1, -days)
        .update();
    for (String step : new String[] {"markOrderPaid", "deductStock"}) {
      jdbc.sql("INSERT INTO settlement_steps (transaction_id, step, result) VALUES (?, ?, 'DONE')")
          .params(transactionId, step)
          .update();
    }
    jdbc.sql(
            """
            INSERT INTO settlement_actions (transaction_id, action, step, operator, outcome)
            VALUES (?, 'RETRY', 'deductStock', 'ops', 'ACCEPTED')
            """)
        .param(transactionId)
        .update();
  }

  /** Rows of a settlement in settlements, settlement_steps and settlement_actions. */
  private int[] rows(String name) {
    String transactionId = id(name);
    return new int[] {
      count("SELECT COUNT(*) FROM settlements WHERE transaction_id = ?", transactionId),
      count("SELECT COUNT(*) FROM settlement_steps WHERE transaction_id = ?", transactionId),
      count("SELECT COUNT(*) FROM settlement_actions WHERE transaction_id = ?", transactionId)
    };
  }

  private int notices(String... names) {
    int total = 0;
    for (String name : names) {
      total += count("SELECT COUNT(*) FROM payment_notices WHERE transaction_id = ?", id(name));
    }
    return total;
  }

  private int withPayload(String name) {
    return count(
        "SELECT COUNT(*) FROM payment_notices WHERE transaction_id = ?"
            + " AND payload_ciphertext IS NOT NULL AND payload_key_id IS NOT NULL",
        id(name));
  }

  private String id(String name) {
    return "RET-" + run + "-" + name;
  }
}
