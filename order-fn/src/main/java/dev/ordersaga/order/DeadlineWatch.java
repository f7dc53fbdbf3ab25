package dev.ordersaga.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;

import org.springframework.stereotype.Component;

/**
 * The open orders this process knows of, by saga deadline, so that the deadline check
 * reads only the orders that are due, each by {@code _id}, instead of querying the whole
 * collection. Every order this process writes is registered (and dropped once terminal);
 * orders written by another replica that died are added by the rare fallback sweep of
 * {@link OrderDeadlines}. Memory: one small entry per open order.
 */
@Component
public class DeadlineWatch {

	private final ConcurrentSkipListSet<Due> due = new ConcurrentSkipListSet<>(
			Comparator.comparing(Due::payBy).thenComparing(entry -> entry.order().value()));

	/**
	 * Registers an order as it was just written: open ones are watched, terminal ones
	 * not.
	 */
	public void written(Order order) {
		watch(order.id(), order.payBy(), order.status());
	}

	/** Registers an order known by its id, deadline and status. */
	public void watch(OrderId order, Instant payBy, OrderStatus status) {
		if (payBy == null) {
			return;
		}
		Due entry = new Due(order, payBy);
		if (status.isTerminal()) {
			due.remove(entry);
		}
		else {
			due.add(entry);
		}
	}

	/**
	 * Takes the orders whose deadline is before {@code cutoff} out of the watch; the
	 * caller registers again any that turns out to be still open.
	 */
	List<Due> takeDueBefore(Instant cutoff) {
		List<Due> taken = new ArrayList<>();
		Due first;
		while ((first = due.pollFirst()) != null) {
			if (!first.payBy().isBefore(cutoff)) {
				due.add(first);
				break;
			}
			taken.add(first);
		}
		return taken;
	}

	/** How many open orders are watched. */
	public int size() {
		return due.size();
	}

	/** An open order and its saga deadline. */
	record Due(OrderId order, Instant payBy) {
	}

}
