package dev.ordersaga.payment.messaging;

import java.util.function.Function;

import dev.ordersaga.payment.PaymentManagement;
import dev.ordersaga.support.events.EventHandlers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The function the bindings in {@code application.yml} invoke. Glue only. */
@Configuration(proxyBeanMethods = false)
class PaymentFunctions {

	/**
	 * The input binding, paused while the provider is down (see
	 * {@link PauseWhileProviderDown}).
	 */
	static final String INPUT_BINDING = "settlePayment-in-0";

	/**
	 * order-events → payment-events: charge approved orders, refund or void cancelled
	 * ones.
	 */
	@Bean
	Function<Message<?>, Message<byte[]>> settlePayment(EventHandlers events, PaymentManagement payments) {
		return events.function(PaymentEventTypes.ORDER_EVENTS,
				order -> payments.on(order.data()).map(PaymentEventTypes::outgoing));
	}

}
