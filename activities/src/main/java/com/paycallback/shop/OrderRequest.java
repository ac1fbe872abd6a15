package com.paycallback.shop;

import java.util.List;

/**
 * An order as the buyer places it.
 *
 * @param couponId the coupon to lock, or null
 * @param points points to redeem (1 point = 1 fen), frozen until payment
 * @param balance wallet balance to use in minor units, frozen until payment
 */
public record OrderRequest(
    String userId, List<Line> items, String couponId, long points, long balance) {

  public record Line(String skuId, int quantity) {}
}
