package dev.ordersaga.devstack.load;

import java.util.Collection;
import java.util.Map;

/** When both mails of a completed order (payment and order completed) arrived. */
interface MailWatch {

	/**
	 * The orders of {@code orderIds} whose two completion mails arrived, with the epoch
	 * micros of the later one.
	 */
	Map<String, Long> bothMailsReceived(Collection<String> orderIds);

	/** What the times mean, for the report. */
	String source();

	/** Drops what was received so far (after preloading, to keep memory bounded). */
	void forget();

}
