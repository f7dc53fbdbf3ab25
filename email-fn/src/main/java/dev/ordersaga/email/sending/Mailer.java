package dev.ordersaga.email.sending;

/** Hands a composed e-mail to the mail server. */
public interface Mailer {

	/**
	 * Sends {@code email}'s composed message with its Message-ID, retrying short hiccups
	 * itself.
	 * @return what the server did; never throws for an SMTP failure
	 */
	Delivery send(Email email);

	/** The server's verdict on one send, with how many SMTP attempts it took. */
	sealed interface Delivery {

		int attempts();

		record Accepted(int attempts) implements Delivery {
		}

		/** Refused for good (5xx); retrying cannot help. */
		record Rejected(int attempts, String detail) implements Delivery {
		}

		/** Unreachable, timed out or 4xx; worth trying again later. */
		record Unavailable(int attempts, String detail) implements Delivery {
		}

	}

}
