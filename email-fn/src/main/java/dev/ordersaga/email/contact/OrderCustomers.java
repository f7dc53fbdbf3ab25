package dev.ordersaga.email.contact;

import java.util.Optional;

import dev.ordersaga.email.OrderId;

import org.springframework.data.repository.Repository;

/** Order → customer links, one document per order. */
public interface OrderCustomers extends Repository<OrderCustomer, OrderId> {

	Optional<OrderCustomer> findById(OrderId id);

	boolean existsById(OrderId id);

	OrderCustomer save(OrderCustomer link);

}
