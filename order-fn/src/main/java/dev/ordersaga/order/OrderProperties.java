package dev.ordersaga.order;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of order-fn.
 *
 * @param deadline how long an order may take from placement to completion; it becomes the
 * order's {@code payBy} (payment is never taken after it); open orders past it are
 * cancelled with TIMEOUT
 * @param deadlineGrace how long after {@code payBy} an open order is still given before
 * it is cancelled: a charge started just before {@code payBy} may still be in flight, and
 * its result may still be on its way. Longer than the payment provider's time limit times
 * its attempts, plus delivery lag
 * @param deadlineCheckInterval how often the orders this instance watches are checked for
 * their deadline (each due order is read by id)
 * @param deadlineSweepInterval how often, besides at start-up, the store is queried for
 * open orders that no running instance watches (written by a replica that is gone)
 */
@ConfigurationProperties("saga.order")
public record OrderProperties(@DefaultValue("15m") Duration deadline, @DefaultValue("1m") Duration deadlineGrace,
		@DefaultValue("10s") Duration deadlineCheckInterval, @DefaultValue("5m") Duration deadlineSweepInterval) {
}
