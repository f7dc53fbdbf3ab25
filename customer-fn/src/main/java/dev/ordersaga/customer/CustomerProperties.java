package dev.ordersaga.customer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of customer-fn.
 *
 * @param writeAttempts how often a step re-reads a customer and decides again when a
 * concurrent change of the same customer made its conditional write miss; after that the
 * step fails (an event is retried by the binder, an HTTP request is answered 409)
 */
@ConfigurationProperties("saga.customer")
public record CustomerProperties(@DefaultValue("50") int writeAttempts) {

	public CustomerProperties {
		if (writeAttempts < 1) {
			throw new IllegalArgumentException("saga.customer.write-attempts must be at least 1");
		}
	}
}
