package com.paycallback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.paycallback.ServiceTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code PUT /sandbox/users/{userId}}: the demo buyers a load run spreads its orders over. */
class SandboxUsersTest extends ServiceTest {

  private final String userId = "u-load-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void aNewBuyerHoldsExactlyWhatWasPut() {
    HttpResponse<String> put =
        put(
            userId,
            """
            {"points":300,"balance":5000,"coupons":[{"couponId":"CPN-%s-1","discount":500}]}
            """
                .formatted(userId));

    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(points()).isEqualTo(Map.of("available", 300L, "frozen", 0L));
    assertThat(wallet()).isEqualTo(Map.of("available", 5000L, "frozen", 0L, "spent", 0L));
    assertThat(
            jdbc.sql("SELECT coupon_id, discount, status FROM coupons WHERE user_id = ?")
                .param(userId)
                .query()
                .singleRow())
        .containsEntry("coupon_id", "CPN-" + userId + "-1")
        .containsEntry("discount", 500L)
        .containsEntry("status", "AVAILABLE");
  }

  @Test
  void putAgainResetsTheBuyerAndReplacesItsCoupons() {
    put(
        userId,
        """
        {"points":300,"balance":5000,"coupons":[{"couponId":"CPN-%s-1","discount":500}]}
        """
            .formatted(userId));
    jdbc.sql("UPDATE points_accounts SET available = 1, frozen = 299 WHERE user_id = ?")
        .param(userId)
        .update();
    jdbc.sql("UPDATE coupons SET status = 'USED' WHERE user_id = ?").param(userId).update();

    HttpResponse<String> reset =
        put(
            userId,
            """
            {"points":50,"balance":0,"coupons":[{"couponId":"CPN-%s-2","discount":100}]}
            """
                .formatted(userId));

    assertThat(reset.statusCode()).isEqualTo(200);
    assertThat(points()).isEqualTo(Map.of("available", 50L, "frozen", 0L));
    assertThat(wallet()).isEqualTo(Map.of("available", 0L, "frozen", 0L, "spent", 0L));
    assertThat(
            jdbc.sql("SELECT coupon_id FROM coupons WHERE user_id = ?")
                .param(userId)
                .query(String.class)
                .list())
        .containsExactly("CPN-" + userId + "-2");
  }

  @Test
  void badInputIsRefusedWithAReasonAndChangesNothing() {
    String other = "u-other-" + UUID.randomUUID().toString().substring(0, 8);
    put(
        other,
        "{\"points\":0,\"balance\":0,\"coupons\":[{\"couponId\":\"CPN-"
            + other
            + "\",\"discount\":1}]}");

    assertThat(put(userId, "{\"points\":-1,\"balance\":0}").body()).contains("points");
    assertThat(put(userId, "{\"points\":1}").body()).contains("balance");
    assertThat(
            put(
                    userId,
                    "{\"points\":1,\"balance\":1,\"coupons\":[{\"couponId\":\"C\",\"discount\":0}]}")
                .body())
        .contains("positive discount");
    HttpResponse<String> stolen =
        put(
            userId,
            "{\"points\":1,\"balance\":1,\"coupons\":[{\"couponId\":\"CPN-"
                + other
                + "\",\"discount\":5}]}");
    assertThat(stolen.statusCode()).isEqualTo(400);
    assertThat(stolen.body()).contains("belongs to another user");
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM points_accounts WHERE user_id = ?")
                .param(userId)
                .query(Long.class)
                .single())
        .isZero();
    assertThat(
            jdbc.sql("SELECT user_id FROM coupons WHERE coupon_id = ?")
                .param("CPN-" + other)
                .query(String.class)
                .single())
        .isEqualTo(other);
  }

  private HttpResponse<String> put(String user, String body) {
    return send(
        HttpRequest.newBuilder(uri("/sandbox/users/" + user))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private Map<String, Object> points() {
    return jdbc.sql("SELECT available, frozen FROM points_accounts WHERE user_id = ?")
        .param(userId)
        .query()
        .singleRow();
  }

  private Map<String, Object> wallet() {
    return jdbc.sql("SELECT available, frozen, spent FROM wallet_balances WHERE user_id = ?")
        .param(userId)
        .query()
        .singleRow();
  }
}
