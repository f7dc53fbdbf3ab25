package dev.ordersaga.email.sending;

import dev.ordersaga.email.contact.CustomerContact;

/** Addresses and renders an e-mail in the customer's language. */
public interface MailComposer {

	Composition compose(Email email, CustomerContact contact);

	sealed interface Composition {

		record Composed(ComposedMail mail) implements Composition {
		}

		/**
		 * The contact data cannot be used as a recipient; {@code detail} says why without
		 * echoing it raw.
		 */
		record Undeliverable(String detail) implements Composition {
		}

	}

}
