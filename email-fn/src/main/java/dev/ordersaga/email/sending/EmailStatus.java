package dev.ordersaga.email.sending;

/**
 * Where one e-mail stands. <pre>
 * WAITING_FOR_CONTACT ──contact known──▶ QUEUED ──claimed──▶ SENDING ──accepted──▶ SENT
 *         │                                ▲                    │
 *         │                                └──SMTP unavailable──┤ (within the retry budget)
 *         └──waited too long / bad address──▶ FAILED ◀──rejected, or budget spent──┘
 * </pre>
 */
public enum EmailStatus {

	/**
	 * The customer's profile, or which customer the order belongs to, has not arrived
	 * yet.
	 */
	WAITING_FOR_CONTACT,
	/** Addressed and rendered; due for (another) attempt at {@code nextAttemptAt}. */
	QUEUED,
	/**
	 * Claimed by a dispatcher that is talking to the SMTP server; a lapsed lease means it
	 * died meanwhile.
	 */
	SENDING,
	/** The SMTP server accepted the message. Final. */
	SENT,
	/** Given up, with a reason. Final. */
	FAILED;

	public boolean isFinal() {
		return this == SENT || this == FAILED;
	}

}
