package dev.ordersaga.email.contact;

import java.util.Optional;

import dev.ordersaga.email.OrderId;

import org.springframework.data.repository.Repository;

/** Order → customer links, one document per order. */
public interface OrderCustomers extends Repository<OrderCustomer, OrderId> {

	Optional<OrderCustomer> findById(OrderId id);

	/**
	 * Stores a new link; a link for the same order fails with a duplicate key. One write,
	 * by {@code _id}: no count, which the embedded store answers with a collection scan.
	 */
	OrderCustomer insert(OrderCustomer link);

}
