package dev.ordersaga.order;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Enforces the saga deadline: orders still PENDING or APPROVED once their {@code payBy}
 * plus the grace period ({@code saga.order.deadline-grace}, for a charge in flight and
 * for delivery lag) has passed are cancelled with {@code TIMEOUT}, which releases their
 * credit and refunds a late charge downstream. Payment itself is never taken after
 * {@code payBy}.
 * <p>
 * The frequent check ({@code deadline-check-interval}) takes the due orders from the
 * {@link DeadlineWatch} and expires each by {@code _id}: its cost does not grow with the
 * number of stored orders. The fallback sweep ({@code deadline-sweep-interval}, and once
 * at start-up) queries the open orders and registers them, so that orders last written by
 * a replica that is gone still meet their deadline; it is the only query by status.
 */
@Component
class OrderDeadlines implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(OrderDeadlines.class);

	private static final EnumSet<OrderStatus> OPEN = EnumSet.of(OrderStatus.PENDING, OrderStatus.APPROVED);

	private final Orders orders;

	private final OrderManagement management;

	private final DeadlineWatch watch;

	private final Clock clock;

	private final OrderProperties properties;

	OrderDeadlines(Orders orders, OrderManagement management, DeadlineWatch watch, Clock clock,
			OrderProperties properties, MeterRegistry meters) {
		this.orders = orders;
		this.management = management;
		this.watch = watch;
		this.clock = clock;
		this.properties = properties;
		Gauge.builder("saga.order.deadlines.watched", watch, DeadlineWatch::size)
			.description("Open orders whose saga deadline this instance watches")
			.register(meters);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::watchOpenOrders, properties.deadlineSweepInterval());
		registrar.addFixedDelayTask(this::cancelOverdueOrders, properties.deadlineCheckInterval());
	}

	/** Cancels the watched orders whose deadline and grace period have passed. */
	void cancelOverdueOrders() {
		Instant now = clock.instant();
		List<DeadlineWatch.Due> due = watch.takeDueBefore(now.minus(properties.deadlineGrace()));
		int cancelled = 0;
		for (int i = 0; i < due.size(); i++) {
			OrderId id = due.get(i).order();
			try {
				Order order = management.expire(id).orElse(null);
				if (order != null && order.status() == OrderStatus.CANCELLED
						&& order.cancelReason() == CancelReason.TIMEOUT) {
					cancelled++;
				}
				else if (order != null) {
					watch.written(order); // not overdue after all (another replica's
											// clock)
				}
			}
			catch (RuntimeException ex) {
				// the store is unavailable: keep the rest for the next check
				due.subList(i, due.size())
					.forEach(left -> watch.watch(left.order(), left.payBy(), OrderStatus.PENDING));
				log.warn("Deadline check stopped after {} of {} due order(s), next try in {}: {}", i, due.size(),
						properties.deadlineCheckInterval(), ex.toString());
				break;
			}
		}
		if (cancelled > 0) {
			log.info("Saga deadline passed for {} open order(s): cancelled with TIMEOUT", cancelled);
		}
	}

	/**
	 * Registers every open order in the store: at start-up, then rarely, as a fallback.
	 */
	void watchOpenOrders() {
		try {
			List<OrderDeadline> open = orders.findByStatusIn(OPEN);
			open.forEach(order -> watch.watch(order.id(), order.payBy(), order.status()));
			log.debug("Deadline sweep: {} open order(s) in the store, {} watched", open.size(), watch.size());
		}
		catch (RuntimeException ex) {
			log.warn("Deadline sweep failed, next try in {}: {}", properties.deadlineSweepInterval(), ex.toString());
		}
	}

}
