package dev.ordersaga.email.messaging;

import java.util.Optional;
import java.util.function.Consumer;

import dev.ordersaga.email.sending.Emailing;
import dev.ordersaga.support.events.EventHandlers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The functions the bindings in {@code application.yml} invoke. Glue only. They are
 * consumers: outcomes are published later, from the mail log's outbox, once the e-mail
 * was sent or given up.
 */
@Configuration(proxyBeanMethods = false)
class EmailFunctions {

	/**
	 * customer-profiles → the contact replica; releases e-mails that waited for the
	 * profile.
	 */
	@Bean
	Consumer<Message<?>> replicateProfiles(EventHandlers events, Emailing emailing) {
		return events.function(EmailEventTypes.PROFILE_EVENTS, profile -> {
			emailing.on(profile.data(), profile.metadata().time());
			return Optional.empty();
		})::apply;
	}

	/** order-events → order links, ORDER_COMPLETED and ORDER_CANCELLED e-mails. */
	@Bean
	Consumer<Message<?>> requestOrderEmails(EventHandlers events, Emailing emailing) {
		return events.function(EmailEventTypes.ORDER_EVENTS, event -> {
			emailing.on(event.data());
			return Optional.empty();
		})::apply;
	}

	/** payment-events → PAYMENT_COMPLETED and PAYMENT_REFUNDED e-mails. */
	@Bean
	Consumer<Message<?>> requestPaymentEmails(EventHandlers events, Emailing emailing) {
		return events.function(EmailEventTypes.PAYMENT_EVENTS, event -> {
			emailing.on(event.data());
			return Optional.empty();
		})::apply;
	}

}
