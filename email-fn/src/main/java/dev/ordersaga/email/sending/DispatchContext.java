package dev.ordersaga.email.sending;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The context one e-mail is dispatched in. A send runs on a sender thread, long after the
 * event that asked for it was handled; the adapter behind this port puts the step back
 * into the trace of that event (stored with the e-mail), so that the SMTP send shows in
 * the saga's trace.
 */
@FunctionalInterface
public interface DispatchContext {

	/** Runs each step as it is. */
	DispatchContext NONE = (id, step) -> step.get();

	/**
	 * Runs {@code step}, the dispatch of e-mail {@code id}, in that e-mail's context.
	 */
	Optional<Email> around(String id, Supplier<Optional<Email>> step);

}
