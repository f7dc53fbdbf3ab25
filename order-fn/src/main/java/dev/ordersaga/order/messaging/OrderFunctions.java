package dev.ordersaga.order.messaging;

import java.util.function.Function;

import dev.ordersaga.order.OrderManagement;
import dev.ordersaga.support.events.EventHandlers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The functions the bindings in {@code application.yml} invoke. Glue only. */
@Configuration(proxyBeanMethods = false)
class OrderFunctions {

	/**
	 * customer-events → order-events: approve or cancel on the customer's credit
	 * decision.
	 */
	@Bean
	Function<Message<?>, Message<byte[]>> applyCreditDecision(EventHandlers events, OrderManagement orders) {
		return events.function(OrderEventTypes.CREDIT_EVENTS,
				decision -> orders.on(decision.data()).map(OrderEventTypes::outgoing));
	}

	/** payment-events → order-events: complete on payment, cancel on a failed payment. */
	@Bean
	Function<Message<?>, Message<byte[]>> applyPaymentResult(EventHandlers events, OrderManagement orders) {
		return events.function(OrderEventTypes.PAYMENT_EVENTS,
				result -> orders.on(result.data()).map(OrderEventTypes::outgoing));
	}

}
