package dev.ordersaga.customer;

import java.util.Optional;

import org.springframework.data.repository.Repository;

/**
 * All customers. Writes go through {@link CustomerWrites}: every one is a conditional
 * atomic update.
 */
public interface Customers extends Repository<Customer, CustomerId>, CustomerWrites {

	Optional<Customer> findById(CustomerId id);

}
