package dev.ordersaga.order;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

/**
 * All orders. Writes go through {@link OrderWrites} so that events travel in the same
 * document write.
 */
public interface Orders extends Repository<Order, OrderId>, OrderWrites {

	Optional<Order> findById(OrderId id);

	Page<Order> findAllBy(Pageable pageable);

	Page<Order> findByCustomerId(CustomerId customerId, Pageable pageable);

	Page<Order> findByStatus(OrderStatus status, Pageable pageable);

	Page<Order> findByCustomerIdAndStatus(CustomerId customerId, OrderStatus status, Pageable pageable);

	/**
	 * The deadlines of the orders in {@code statuses}: the deadline sweep's query, run at
	 * start-up and rarely after (index {@code status_deadline}).
	 */
	List<OrderDeadline> findByStatusIn(Collection<OrderStatus> statuses);

}
