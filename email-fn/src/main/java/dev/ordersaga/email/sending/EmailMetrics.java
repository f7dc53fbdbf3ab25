package dev.ordersaga.email.sending;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counters of the mail log, tagged by kind: {@code saga.email.requests},
 * {@code saga.email.outcomes} (with {@code outcome} SENT/FAILED and the failure
 * {@code reason}) and {@code saga.email.retries}. Called after a write succeeded, so each
 * step is counted once.
 */
@Component
public class EmailMetrics {

	private final MeterRegistry meters;

	public EmailMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	void requested(Email email) {
		Counter.builder("saga.email.requests")
			.description("E-mails requested by saga events (redeliveries not counted)")
			.tag("kind", email.kind().name())
			.register(meters)
			.increment();
		stepped(email);
	}

	void stepped(Email email) {
		switch (email.status()) {
			case SENT,
					FAILED ->
				Counter.builder("saga.email.outcomes")
					.description("E-mails that reached their outcome")
					.tag("kind", email.kind().name())
					.tag("outcome", email.status().name())
					.tag("reason", email.failureReason() == null ? "none" : email.failureReason().name())
					.register(meters)
					.increment();
			case QUEUED -> {
				if (email.retries() > 0) {
					Counter.builder("saga.email.retries")
						.description("Sends rescheduled because the SMTP server was unavailable")
						.tag("kind", email.kind().name())
						.register(meters)
						.increment();
				}
			}
			case WAITING_FOR_CONTACT, SENDING -> {
			}
		}
	}

}
