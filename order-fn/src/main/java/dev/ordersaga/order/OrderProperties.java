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
 * @param deadlineCheckInterval how often overdue orders are looked for
 */
@ConfigurationProperties("saga.order")
public record OrderProperties(@DefaultValue("15m") Duration deadline,
		@DefaultValue("10s") Duration deadlineCheckInterval) {
}
