package dev.ordersaga.audit;

import java.time.Instant;

/**
 * How far the audit has read each topic. The topics are consumed independently, so the
 * absence of an event is evidence only once its topic has been read past the moment the
 * event would have been stamped; before that it is mere lag between topics.
 */
public interface ReadHorizon {

	/** Every topic read to its end: for judging stored events on their own. */
	ReadHorizon COMPLETE = topic -> Instant.MAX;

	/**
	 * @return a time such that every record of the topic stamped at or before it has been
	 * read and recorded; {@link Instant#MIN} while nothing is known
	 */
	Instant readThrough(String topic);

}
