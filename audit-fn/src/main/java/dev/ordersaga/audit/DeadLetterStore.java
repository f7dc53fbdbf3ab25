package dev.ordersaga.audit;

import java.util.List;
import java.util.Optional;

/**
 * The stored dead letters (each once, by its position) and what people did with them.
 * Read and changed by the dead letter's id only; the lists people filter are served by
 * the read side of the web API.
 */
public interface DeadLetterStore {

	Optional<DeadLetter> find(String id);

	/**
	 * Adds the action to the stored dead letter, once (by the action's id).
	 * @return the dead letter with the action, or empty when no such dead letter is
	 * stored
	 */
	Optional<DeadLetter> act(String id, DeadLetterAction action);

	/**
	 * Dead letters nobody replayed or discarded yet that match the filter, oldest first.
	 * @param limit at most this many
	 */
	List<DeadLetter> open(DeadLetterFilter filter, int limit);

}
