package com.paycallback.sandbox;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo buyers (embedded default only): a load run spreads its orders over many buyers, as real
 * traffic does, instead of queueing every settlement on one wallet row.
 */
@RestController
@RequestMapping("/sandbox/users")
@ConditionalOnProperty(name = "paycallback.sandbox.enabled", havingValue = "true")
class SandboxUsersController {

  private static final int MAX_ID_LENGTH = 64;

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  SandboxUsersController(JdbcClient jdbc, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.transaction = transaction;
  }

  /**
   * Creates the buyer or resets it: its points account and wallet hold exactly what is given,
   * nothing frozen, and its coupons are exactly the given ones, all AVAILABLE. One transaction, so
   * a reader never sees half a buyer.
   */
  @PutMapping("/{userId}")
  ResponseEntity<?> putUser(@PathVariable String userId, @RequestBody DemoBuyer buyer) {
    String problem = problem(userId, buyer);
    if (problem != null) {
      return ResponseEntity.badRequest().body(Map.of("error", problem));
    }
    List<DemoCoupon> coupons = buyer.coupons() == null ? List.of() : buyer.coupons();
    String taken =
        transaction.execute(
            status -> {
              for (DemoCoupon coupon : coupons) {
                String owner =
                    jdbc.sql("SELECT user_id FROM coupons WHERE coupon_id = ? FOR UPDATE")
                        .param(coupon.couponId())
                        .query(String.class)
                        .optional()
                        .orElse(userId);
                if (!owner.equals(userId)) {
                  status.setRollbackOnly();
                  return coupon.couponId();
                }
              }
              jdbc.sql(
                      """
                      INSERT INTO points_accounts (user_id, available, frozen) VALUES (?, ?, 0)
                      ON DUPLICATE KEY UPDATE available = ?, frozen = 0
                      """)
                  .params(userId, buyer.points(), buyer.points())
                  .update();
              jdbc.sql(
                      """
                      INSERT INTO wallet_balances (user_id, available, frozen, spent)
                      VALUES (?, ?, 0, 0)
                      ON DUPLICATE KEY UPDATE available = ?, frozen = 0, spent = 0
                      """)
                  .params(userId, buyer.balance(), buyer.balance())
                  .update();
              jdbc.sql("DELETE FROM coupons WHERE user_id = ?").param(userId).update();
              for (DemoCoupon coupon : coupons) {
                jdbc.sql(
                        """
                        INSERT INTO coupons (coupon_id, user_id, discount, status)
                        VALUES (?, ?, ?, 'AVAILABLE')
                        """)
                    .params(coupon.couponId(), userId, coupon.discount())
                    .update();
              }
              return null;
            });
    if (taken != null) {
      return ResponseEntity.badRequest()
          .body(Map.of("error", "coupon " + taken + " belongs to another user"));
    }
    return ResponseEntity.ok(
        new DemoBuyerView(
            userId,
            buyer.points(),
            buyer.balance(),
            coupons.stream().map(DemoCoupon::couponId).toList()));
  }

  /** Why the request cannot make a buyer, or null when it can. */
  private static String problem(String userId, DemoBuyer buyer) {
    if (userId.isBlank() || userId.length() > MAX_ID_LENGTH) {
      return "a userId is 1 to " + MAX_ID_LENGTH + " characters";
    }
    if (buyer.points() == null || buyer.points() < 0) {
      return "points are required and 0 or more";
    }
    if (buyer.balance() == null || buyer.balance() < 0) {
      return "balance (fen) is required and 0 or more";
    }
    Set<String> seen = new HashSet<>();
    for (DemoCoupon coupon : buyer.coupons() == null ? List.<DemoCoupon>of() : buyer.coupons()) {
      if (coupon == null
          || coupon.couponId() == null
          || coupon.couponId().isBlank()
          || coupon.couponId().length() > MAX_ID_LENGTH) {
        return "every coupon needs a couponId of 1 to " + MAX_ID_LENGTH + " characters";
      }
      if (coupon.discount() == null || coupon.discount() <= 0) {
        return "coupon " + coupon.couponId() + " needs a positive discount (fen)";
      }
      if (!seen.add(coupon.couponId())) {
        return "coupon " + coupon.couponId() + " is listed twice";
      }
    }
    return null;
  }

  /**
   * @param points the points account's available points
   * @param balance the wallet's available balance, in fen
   * @param coupons the buyer's coupons, all AVAILABLE afterwards; absent means none
   */
  record DemoBuyer(Long points, Long balance, List<DemoCoupon> coupons) {}

  /**
   * @param discount in fen
   */
  record DemoCoupon(String couponId, Long discount) {}

  record DemoBuyerView(String userId, long points, long balance, List<String> coupons) {}
}
