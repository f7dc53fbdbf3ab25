package dev.ordersaga.support.mongo;

import java.util.List;
import java.util.Set;

/**
 * One shape of query a service sends to MongoDB, and the index that serves it on a real
 * MongoDB. Each service lists all of its shapes in one place, and a test of the service
 * records the queries it actually issues and fails on any shape that is not listed, or
 * whose index is not declared or does not lead with a field the query filters (or sorts)
 * on.
 *
 * @param collection the collection queried
 * @param filter the fields the query filters on (top level, operators and their nesting
 * left out)
 * @param sort the fields it sorts on, in order; empty when unsorted
 * @param index the name of the index that serves it ({@code _id_} for lookups by id)
 * @param purpose which use case issues it
 */
public record QueryShape(String collection, Set<String> filter, List<String> sort, String index, String purpose) {

	/** The name MongoDB gives the index every collection has on {@code _id}. */
	public static final String ID_INDEX = "_id_";

	public QueryShape {
		filter = Set.copyOf(filter);
		sort = List.copyOf(sort);
	}

	/** A shape without sort. */
	public static QueryShape of(String collection, Set<String> filter, String index, String purpose) {
		return new QueryShape(collection, filter, List.of(), index, purpose);
	}

	/** Whether a recorded query has this shape. */
	public boolean matches(String collection, Set<String> filter, List<String> sort) {
		return this.collection.equals(collection) && this.filter.equals(filter) && this.sort.equals(sort);
	}

}
