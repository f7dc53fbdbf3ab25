package dev.ordersaga.customer.messaging;

import java.util.function.Function;

import dev.ordersaga.customer.CreditLedger;
import dev.ordersaga.support.events.EventHandlers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The functions the bindings in {@code application.yml} invoke. Glue only. */
@Configuration(proxyBeanMethods = false)
class CustomerFunctions {

	/**
	 * order-events → customer-events: reserve, release or settle credit as orders are
	 * created, cancelled, completed.
	 */
	@Bean
	Function<Message<?>, Message<byte[]>> decideCredit(EventHandlers events, CreditLedger ledger) {
		return events.function(CustomerEventTypes.ORDER_EVENTS,
				order -> ledger.on(order.data()).map(CustomerEventTypes::outgoing));
	}

}
