package dev.ordersaga.email.contact;

import java.util.Optional;

import dev.ordersaga.email.CustomerId;

import org.springframework.data.repository.Repository;

/** The contact replica, one document per customer. */
public interface CustomerContacts extends Repository<CustomerContact, CustomerId> {

	Optional<CustomerContact> findById(CustomerId id);

	CustomerContact save(CustomerContact contact);

	void deleteById(CustomerId id);

}
