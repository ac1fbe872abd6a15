package com.paycallback.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.ServiceTest;
import com.paycallback.gateway.generic.HmacSignatureVerifier;
import com.paycallback.gateway.generic.HmacSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 11: the audit keeps what a rejected request sent only up to a size, so a flood of large
 * forgeries cannot grow the trail by 64 KiB a request; an accepted notice is kept whole.
 */
class RejectedPayloadTest extends ServiceTest {

  @Autowired PayloadCipher cipher;

  @Test
  void aForgedNoticeIsKeptOnlyUpToTheLimit() {
    String padding = "x".repeat(20 * 1024);
    byte[] body =
        ("{\"transactionId\":\"GEN-BIG-FORGED-"
                + System.nanoTime()
                + "\",\"orderNo\":\"PO-NONE\",\"amount\":100,\"currency\":\"CNY\","
                + "\"status\":\"SUCCESS\",\"paidAt\":\"2026-01-01T00:00:00Z\",\"memo\":\""
                + padding
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    long before = lastNoticeId();

    int status =
        post(
                "/notify/generic",
                "application/json",
                Map.of(
                    HmacSignatureVerifier.HEADER,
                    HmacSigner.signatureHeader("not-the-secret-" + padding, Instant.now(), body)),
                body)
            .statusCode();

    assertThat(status).isEqualTo(401);
    Map<String, Object> row =
        jdbc.sql(
                "SELECT outcome, payload_key_id, payload_ciphertext FROM payment_notices"
                    + " WHERE id > ? ORDER BY id LIMIT 1")
            .param(before)
            .query()
            .singleRow();
    assertThat(row).containsEntry("outcome", "REJECTED");
    byte[] kept =
        cipher.decrypt((String) row.get("payload_key_id"), (byte[]) row.get("payload_ciphertext"));
    assertThat(kept).isEqualTo(Arrays.copyOf(body, NoticeAudit.REJECTED_PAYLOAD_LIMIT));
  }

  private long lastNoticeId() {
    return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM payment_notices").query(Long.class).single();
  }
}
