package dev.ordersaga.email.persistence;

import java.util.Optional;
import java.util.function.Supplier;

import dev.ordersaga.email.sending.DispatchContext;
import dev.ordersaga.email.sending.Email;
import dev.ordersaga.support.outbox.OutboxTracing;

import org.springframework.stereotype.Component;

/**
 * Continues the trace stored with an e-mail (the trace of the event that asked for it)
 * around its dispatch, in a span {@code email dispatch}; the SMTP send and the outcome
 * event become its children.
 */
@Component
class TracedDispatch implements DispatchContext {

	private final MongoEmails emails;

	private final OutboxTracing tracing;

	TracedDispatch(MongoEmails emails, OutboxTracing tracing) {
		this.emails = emails;
		this.tracing = tracing;
	}

	@Override
	public Optional<Email> around(String id, Supplier<Optional<Email>> step) {
		return tracing.continueTrace(emails.trace(id), "email dispatch", step);
	}

}
