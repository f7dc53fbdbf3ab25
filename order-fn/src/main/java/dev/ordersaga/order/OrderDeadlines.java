package dev.ordersaga.order;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Enforces the saga deadline: orders still PENDING or APPROVED after their {@code payBy}
 * are cancelled with {@code TIMEOUT}, which releases their credit and refunds a late
 * charge downstream.
 */
@Component
class OrderDeadlines implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(OrderDeadlines.class);

	private final Orders orders;

	private final OrderManagement management;

	private final Clock clock;

	private final OrderProperties properties;

	OrderDeadlines(Orders orders, OrderManagement management, Clock clock, OrderProperties properties) {
		this.orders = orders;
		this.management = management;
		this.clock = clock;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::cancelOverdueOrders, properties.deadlineCheckInterval());
	}

	void cancelOverdueOrders() {
		List<Order> overdue;
		do {
			overdue = orders.findTop100ByStatusInAndPayByBefore(EnumSet.of(OrderStatus.PENDING, OrderStatus.APPROVED),
					clock.instant());
			overdue.forEach(order -> management.expire(order.id()));
			if (!overdue.isEmpty()) {
				log.info("Saga deadline passed for {} open order(s): cancelled with TIMEOUT", overdue.size());
			}
		}
		while (overdue.size() == 100);
	}

}
