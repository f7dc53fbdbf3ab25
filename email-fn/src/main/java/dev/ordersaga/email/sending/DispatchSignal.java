package dev.ordersaga.email.sending;

/**
 * Tells the dispatcher about an e-mail that was just stored, so that it is sent (or
 * checked again) when it is due, without anyone polling the mail log for it.
 */
public interface DispatchSignal {

	/**
	 * @param email as stored: a due one goes out now, a later one (a retry, a wait for
	 * the contact) when its time comes, a final one is ignored
	 */
	void stored(Email email);

}
