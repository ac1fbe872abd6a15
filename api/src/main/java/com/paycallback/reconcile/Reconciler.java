package com.paycallback.reconcile;

import com.paycallback.gateway.GatewayAnswerForged;
import com.paycallback.gateway.GatewayCallFailed;
import com.paycallback.gateway.TradeAnswer;
import com.paycallback.gateway.TradeQueries;
import com.paycallback.gateway.TradeState;
import com.paycallback.notice.NoticePipeline;
import com.paycallback.notice.ReasonCode;
import com.paycallback.reconcile.ReconciliationSchedule.DueOrder;
import com.paycallback.reconcile.ReconciliationSchedule.Leased;
import com.paycallback.shop.OrderStatus;
import com.paycallback.shop.ShopOrders;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Asks the gateways about orders whose payment may have happened without the shop hearing of it.
 * Each order still PENDING_PAYMENT is asked about at every channel the buyer started paying with,
 * {@code query-after} after the payment started and then with a doubling wait, until it is paid or
 * closed. A PAID answer goes through the notice pipeline's business checks and inbox hand-off (so a
 * late notice of the same payment converges on the same settlement); an order past its payment
 * deadline is closed once every channel says it was not paid: first the gateway's trade, then the
 * order with its holds. An answer without the gateway's valid signature is audited and changes
 * nothing; a gateway that cannot be reached is asked again later.
 */
@Service
public class Reconciler {

  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  /**
   * Orders per claim: a claim's leases must outlast asking every one of its orders, even when each
   * gateway call runs into its timeout.
   */
  static final int BATCH = 10;

  /** What was done about an order. */
  public enum Action {
    /** A gateway said it was paid: the payment was handed to the settlement. */
    SETTLING,
    /** Past its deadline and unpaid at every gateway: closed there and in the shop. */
    CLOSED,
    /** Nothing to do yet: asked again later. */
    WAITING,
    /** Another instance or operator is asking about this order right now. */
    BUSY
  }

  /**
   * One gateway's answer.
   *
   * @param answer {@code PAID}, {@code NOT_PAID}, {@code CLOSED}; or {@code FORGED} (refused: not
   *     signed by the gateway), {@code FAILED} (no usable answer)
   * @param gatewayState the gateway's own word for the trade's state
   * @param transactionId the paying transaction, when PAID
   * @param handOff what the pipeline made of a PAID answer (the audit row's reason code)
   * @param error why the answer was refused or missing
   */
  public record ChannelAnswer(
      String channel,
      String answer,
      String gatewayState,
      String transactionId,
      String handOff,
      String error) {

    boolean unpaid() {
      return TradeState.NOT_PAID.name().equals(answer) || TradeState.CLOSED.name().equals(answer);
    }

    @Override
    public String toString() {
      return channel
          + ": "
          + answer
          + (gatewayState == null ? "" : " " + gatewayState)
          + (handOff == null ? "" : " -> " + handOff)
          + (error == null ? "" : " (" + error + ")");
    }
  }

  /**
   * What reconciling one order found and did.
   *
   * @param status the order's status afterwards
   * @param detail why the action is what it is
   */
  public record Reconciliation(
      String orderNo, List<ChannelAnswer> answers, Action action, String status, String detail) {

    String summary() {
      return answers.stream().map(ChannelAnswer::toString).collect(Collectors.joining("; "))
          + (answers.isEmpty() ? "" : " => ")
          + action
          + ": "
          + detail;
    }
  }

  private final ReconciliationSchedule schedule;
  private final ReconciliationProperties properties;
  private final NoticePipeline pipeline;
  private final ShopOrders orders;
  private final MeterRegistry meters;
  private final Map<String, TradeQueries> queries;

  @Autowired
  Reconciler(
      ReconciliationSchedule schedule,
      ReconciliationProperties properties,
      NoticePipeline pipeline,
      ShopOrders orders,
      MeterRegistry meters,
      ObjectProvider<TradeQueries> queries) {
    this(schedule, properties, pipeline, orders, meters, queries.orderedStream().toList());
  }

  /**
   * @param queries the gateways' trade APIs; where two serve one channel, the first wins
   */
  Reconciler(
      ReconciliationSchedule schedule,
      ReconciliationProperties properties,
      NoticePipeline pipeline,
      ShopOrders orders,
      MeterRegistry meters,
      List<TradeQueries> queries) {
    this.schedule = schedule;
    this.properties = properties;
    this.pipeline = pipeline;
    this.orders = orders;
    this.meters = meters;
    this.queries = new LinkedHashMap<>();
    queries.forEach(q -> this.queries.putIfAbsent(q.channel().id(), q));
  }

  /**
   * One sweep: claims the orders that are due, batch by batch, and reconciles each.
   *
   * @return what was done, per order
   */
  public List<Reconciliation> sweep() {
    List<Reconciliation> done = new ArrayList<>();
    List<DueOrder> claimed;
    do {
      claimed = schedule.claimDue(BATCH, properties);
      for (DueOrder order : claimed) {
        Reconciliation reconciliation = reconcile(order);
        schedule.answered(
            order.orderNo(),
            reconciliation.summary(),
            properties.intervalAfter(order.checks() + 1),
            properties.paymentDeadline());
        done.add(reconciliation);
      }
    } while (claimed.size() == BATCH);
    return done;
  }

  /**
   * An operator's reconcile: asks every channel the buyer started paying with now, whatever the
   * order's schedule, and does what the sweep would (hand off a payment, close an expired order).
   *
   * @return empty when there is no such order
   */
  public Optional<Reconciliation> reconcileNow(String orderNo) {
    Optional<Leased> leased = schedule.lease(orderNo, properties);
    if (leased.isEmpty()) {
      return Optional.empty();
    }
    DueOrder order = leased.get().order();
    if (!leased.get().held()) {
      return Optional.of(
          new Reconciliation(
              orderNo,
              List.of(),
              Action.BUSY,
              order.status(),
              "another instance is asking the gateways about this order right now"));
    }
    Reconciliation reconciliation = reconcile(order);
    schedule.answeredNow(orderNo, reconciliation.summary());
    return Optional.of(reconciliation);
  }

  /** Where the order stands: its prepay channels and its reconciliation schedule. */
  public Optional<Standing> standing(String orderNo) {
    return schedule
        .standing(orderNo)
        .map(
            order ->
                new Standing(
                    order.orderNo(),
                    order.status(),
                    orders.paymentChannels(orderNo),
                    order.createdAt(),
                    order.paymentStartedAt(),
                    order.nextCheckAt(),
                    order.checks(),
                    order.lastCheckedAt(),
                    order.lastAnswer()));
  }

  /**
   * An order's reconciliation as operators see it.
   *
   * @param channels the channels the buyer started paying with: the gateways that are asked
   * @param nextCheckAt null before the first check, which is due query-after the payment started
   * @param checks how often the gateways were asked on schedule
   * @param lastAnswer what the gateways said at the last check, and what was done
   */
  public record Standing(
      String orderNo,
      String status,
      List<String> channels,
      Instant createdAt,
      Instant paymentStartedAt,
      Instant nextCheckAt,
      int checks,
      Instant lastCheckedAt,
      String lastAnswer) {}

  private Reconciliation reconcile(DueOrder order) {
    String orderNo = order.orderNo();
    List<String> channels = orders.paymentChannels(orderNo);
    boolean pending = OrderStatus.PENDING_PAYMENT.name().equals(order.status());
    if (channels.isEmpty()) {
      if (pending && order.expired() && orders.close(orderNo)) {
        return closed(order, List.of(), "the buyer never started paying; the deadline passed");
      }
      return concluded(order, List.of(), Action.WAITING, "the buyer has not started paying");
    }
    List<ChannelAnswer> answers = new ArrayList<>();
    for (String channel : channels) {
      answers.add(ask(channel, orderNo));
    }
    if (answers.stream().anyMatch(a -> a.handOff() != null && handedOff(a.handOff()))) {
      return concluded(order, answers, Action.SETTLING, "the payment was handed to the settlement");
    }
    if (!pending) {
      return concluded(order, answers, Action.WAITING, "the order is " + order.status());
    }
    if (!order.expired()) {
      return concluded(order, answers, Action.WAITING, "the payment deadline has not passed");
    }
    if (!answers.stream().allMatch(ChannelAnswer::unpaid)) {
      return concluded(
          order, answers, Action.WAITING, "not every gateway confirmed the order is unpaid");
    }
    for (String channel : channels) {
      try {
        queries.get(channel).close(orderNo);
      } catch (GatewayCallFailed e) {
        // A trade paid meanwhile refuses to close: the next question finds the payment.
        return concluded(
            order,
            answers,
            Action.WAITING,
            "the " + channel + " trade could not be closed: " + e.getMessage());
      }
    }
    if (!orders.close(orderNo)) {
      return concluded(order, answers, Action.WAITING, "the order was no longer open");
    }
    return closed(order, answers, "past the payment deadline, unpaid at every gateway");
  }

  private Reconciliation closed(DueOrder order, List<ChannelAnswer> answers, String why) {
    meters.counter("paycallback.reconciliation.closed").increment();
    log.info("order {} closed: {}", order.orderNo(), why);
    return new Reconciliation(
        order.orderNo(), answers, Action.CLOSED, OrderStatus.CLOSED.name(), why);
  }

  private Reconciliation concluded(
      DueOrder order, List<ChannelAnswer> answers, Action action, String why) {
    if (action == Action.SETTLING) {
      log.info("order {} was paid without the shop hearing of it: {}", order.orderNo(), answers);
    }
    return new Reconciliation(order.orderNo(), answers, action, currentStatus(order), why);
  }

  private String currentStatus(DueOrder order) {
    return orders.status(order.orderNo()).orElse(order.status());
  }

  /** A hand-off that gives the payment to a settlement (a new one, or the one already running). */
  private static boolean handedOff(String reason) {
    ReasonCode code = ReasonCode.valueOf(reason);
    return code.outcome() == ReasonCode.Outcome.ACCEPTED
        || code.outcome() == ReasonCode.Outcome.DUPLICATE;
  }

  /** One channel's answer; a PAID one goes through the pipeline. */
  private ChannelAnswer ask(String channel, String orderNo) {
    TradeQueries gateway = queries.get(channel);
    if (gateway == null) {
      count(channel, "FAILED");
      return new ChannelAnswer(
          channel, "FAILED", null, null, null, "no trade query client for this channel");
    }
    try {
      TradeAnswer answer = gateway.query(orderNo);
      count(channel, answer.state().name());
      if (answer.state() != TradeState.PAID) {
        return new ChannelAnswer(
            channel, answer.state().name(), answer.gatewayState(), null, null, null);
      }
      ReasonCode handOff = pipeline.handOffQueried(answer.payment());
      return new ChannelAnswer(
          channel,
          answer.state().name(),
          answer.gatewayState(),
          answer.payment().transactionId(),
          handOff.name(),
          null);
    } catch (GatewayAnswerForged e) {
      count(channel, "FORGED");
      log.warn("{} answer about order {} refused: {}", channel, orderNo, e.getMessage());
      pipeline.recordForgedAnswer(channel, orderNo, e.getMessage());
      return new ChannelAnswer(channel, "FORGED", null, null, null, e.getMessage());
    } catch (GatewayCallFailed | DataAccessException e) {
      count(channel, "FAILED");
      log.info("{} could not be asked about order {}: {}", channel, orderNo, e.getMessage());
      return new ChannelAnswer(channel, "FAILED", null, null, null, e.getMessage());
    }
  }

  private void count(String channel, String answer) {
    meters
        .counter("paycallback.reconciliation.answers", "channel", channel, "answer", answer)
        .increment();
  }
}
