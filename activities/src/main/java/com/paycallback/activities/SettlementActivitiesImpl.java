package com.paycallback.activities;

import com.paycallback.inbox.SettlementRecords;
import com.paycallback.ledger.StepLedger;
import com.paycallback.refund.RefundGateway;
import com.paycallback.settlement.MarkPaidOutcome;
import com.paycallback.settlement.SettlementActivities;
import com.paycallback.settlement.SettlementFailures;
import com.paycallback.settlement.SettlementProgress;
import com.paycallback.settlement.SettlementRequest;
import com.paycallback.settlement.SettlementStep;
import com.paycallback.shop.ShopOrders;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The settlement steps and their inverses over the shop's tables, each once through the {@link
 * StepLedger}. One class per shop resource holds a step beside its inverse; this is the single
 * implementation the worker registers, so the activity type names stay those of {@link
 * SettlementActivities}.
 */
public class SettlementActivitiesImpl implements SettlementActivities {

  private final StepLedger ledger;
  private final SettlementRecords settlements;
  private final OrderSteps order;
  private final StockSteps stock;
  private final PointsSteps points;
  private final CouponSteps coupon;
  private final WalletSteps wallet;
  private final SalesSteps sales;
  private final OutboxSteps outbox;
  private final RefundSteps refunds;

  /**
   * @param shop gives back the holds an order placed (coupon, frozen points and balance) when its
   *     settlement is compensated before the step that would have consumed them
   * @param settlements where the settlement's progress is mirrored for operators
   */
  public SettlementActivitiesImpl(
      JdbcClient jdbc,
      StepLedger ledger,
      ShopOrders shop,
      SettlementRecords settlements,
      List<RefundGateway> refundGateways) {
    this.ledger = ledger;
    this.settlements = settlements;
    OrderRows orders = new OrderRows(jdbc);
    LedgeredSteps steps = new LedgeredSteps(ledger, orders);
    this.order = new OrderSteps(jdbc, ledger, steps, orders);
    this.stock = new StockSteps(jdbc, steps, orders);
    this.points = new PointsSteps(jdbc, steps, orders, shop);
    this.coupon = new CouponSteps(jdbc, steps, orders, shop);
    this.wallet = new WalletSteps(jdbc, steps, orders, shop);
    this.sales = new SalesSteps(jdbc, steps, orders);
    this.outbox = new OutboxSteps(jdbc, steps);
    this.refunds = new RefundSteps(jdbc, ledger, refundGateways);
  }

  @Override
  public MarkPaidOutcome markOrderPaid(SettlementRequest request) {
    return order.markOrderPaid(request);
  }

  @Override
  public void deductStock(SettlementRequest request) {
    stock.deductStock(request);
  }

  @Override
  public void settlePoints(SettlementRequest request) {
    points.settlePoints(request);
  }

  @Override
  public void redeemCoupon(SettlementRequest request) {
    coupon.redeemCoupon(request);
  }

  @Override
  public void unfreezeBalance(SettlementRequest request) {
    wallet.unfreezeBalance(request);
  }

  @Override
  public void increaseSales(SettlementRequest request) {
    sales.increaseSales(request);
  }

  @Override
  public void publishOrderPaid(SettlementRequest request) {
    outbox.publishOrderPaid(request);
  }

  @Override
  public void markOrderSettled(SettlementRequest request) {
    order.markOrderSettled(request);
  }

  @Override
  public void skipStep(SettlementRequest request, SettlementStep step) {
    if (!step.skippable()) {
      throw ApplicationFailure.newNonRetryableFailure(
          step.ledgerName() + " cannot be skipped", SettlementFailures.ORDER_INVALID);
    }
    ledger.skip(request.transactionId(), step.ledgerName());
  }

  @Override
  public void markOrderRefunding(SettlementRequest request) {
    order.markOrderRefunding(request);
  }

  @Override
  public void restoreStock(SettlementRequest request) {
    stock.restoreStock(request);
  }

  @Override
  public void returnPoints(SettlementRequest request) {
    points.returnPoints(request);
  }

  @Override
  public void releaseCoupon(SettlementRequest request) {
    coupon.releaseCoupon(request);
  }

  @Override
  public void returnBalance(SettlementRequest request) {
    wallet.returnBalance(request);
  }

  @Override
  public void decreaseSales(SettlementRequest request) {
    sales.decreaseSales(request);
  }

  @Override
  public void retractOrderPaid(SettlementRequest request) {
    outbox.retractOrderPaid(request);
  }

  @Override
  public String refund(SettlementRequest request, String reason) {
    return refunds.refund(request, reason);
  }

  @Override
  public String queryRefund(SettlementRequest request) {
    return refunds.queryRefund(request);
  }

  @Override
  public void recordRefundOutcome(SettlementRequest request, String status, String confirmedBy) {
    refunds.recordOutcome(request.transactionId(), status, confirmedBy);
  }

  @Override
  public void markOrderRefunded(SettlementRequest request) {
    order.markOrderRefunded(request);
  }

  @Override
  public void recordProgress(SettlementProgress progress) {
    settlements.recordProgress(progress);
  }
}
