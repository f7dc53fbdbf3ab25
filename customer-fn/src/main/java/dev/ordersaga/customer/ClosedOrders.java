package dev.ordersaga.customer;

import java.util.Optional;

import org.springframework.data.repository.Repository;

/**
 * The final credit decisions moved out of customer documents, one per order; written by
 * {@link CustomerWrites#archive}, read only by order id.
 */
public interface ClosedOrders extends Repository<ClosedOrder, OrderId> {

	Optional<ClosedOrder> findById(OrderId order);

}
