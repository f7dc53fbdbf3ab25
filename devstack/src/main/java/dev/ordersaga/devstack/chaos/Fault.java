package dev.ordersaga.devstack.chaos;

import java.time.Duration;
import java.util.List;

/**
 * One injection of one fault class, with its parameters drawn from the run's seed when
 * the schedule is made. The schedule {@link #inject injects} it, waits
 * {@link #duration()}, then {@link #heal heals} it; faults that share a component never
 * overlap.
 */
public interface Fault {

	/** The fault class, e.g. {@code kill}: what {@code -Dchaos.faults=} selects. */
	String name();

	/**
	 * What it breaks ({@code order-fn}, {@code kafka}, {@code mongodb}, {@code provider},
	 * {@code smtp}…): faults on a common component run one after the other.
	 */
	List<String> components();

	/** How long it lasts between {@link #inject} and {@link #heal}. */
	Duration duration();

	void inject(ChaosTarget target);

	/** Undoes {@link #inject}; blocks until the component works again. */
	void heal(ChaosTarget target);

}
