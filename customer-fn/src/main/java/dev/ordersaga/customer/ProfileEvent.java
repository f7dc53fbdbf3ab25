package dev.ordersaga.customer;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A customer's contact data as published on the compacted {@code customer-profiles}
 * topic, keyed by customer id: the latest event per customer is its current profile.
 * Consumers (email-fn) keep a replica of it. The credit limit is deliberately not part of
 * it; no other service needs it.
 * <p>
 * {@link #version()} and {@link #occurredAt()} are not part of the body: they name the
 * event ({@code ce_id}) and become its {@code ce_time}.
 */
public sealed interface ProfileEvent {

	CustomerId customerId();

	String name();

	String email();

	/**
	 * BCP 47 language tag the customer is written to in, e.g. {@code ko} or
	 * {@code en-GB}.
	 */
	String locale();

	/**
	 * The customer's version this profile belongs to: 0 when registered, one more with
	 * every change.
	 */
	long version();

	Instant occurredAt();

	record CustomerRegistered(CustomerId customerId, String name, String email, String locale, @JsonIgnore long version,
			@JsonIgnore Instant occurredAt) implements ProfileEvent {
	}

	record CustomerUpdated(CustomerId customerId, String name, String email, String locale, @JsonIgnore long version,
			@JsonIgnore Instant occurredAt) implements ProfileEvent {
	}

}
