package dev.ordersaga.audit;

import java.util.List;

/**
 * One broken rule of one saga, with the records that show it. A saga has at most one
 * finding per rule; the evidence lists every record involved.
 */
public record Finding(Rule rule, String message, List<Evidence> evidence) {

	public Finding {
		evidence = List.copyOf(evidence);
	}

}
