package dev.ordersaga.audit;

/** The audit's judgement of one saga. */
public enum Verdict {

	/** Terminal, every expected consequence seen, no rule broken. */
	CONSISTENT,
	/**
	 * Still running, or terminal with compensations still within their grace period; no
	 * rule broken so far.
	 */
	IN_PROGRESS,
	/** At least one rule broken; see the findings. */
	VIOLATED

}
