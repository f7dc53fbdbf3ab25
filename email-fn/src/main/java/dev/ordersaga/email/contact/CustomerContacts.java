package dev.ordersaga.email.contact;

import java.util.Optional;

import dev.ordersaga.email.CustomerId;

/** The contact replica, one document per customer. */
public interface CustomerContacts {

	Optional<CustomerContact> findById(CustomerId id);

	/**
	 * Stores the contact unless the replica holds a newer one ({@code updatedAt} later):
	 * profiles can arrive out of order, e.g. an old version published again after a new
	 * one. The same or an equally old one replaces it, so a replay is idempotent.
	 * @return whether it was stored
	 */
	boolean saveIfNotOlder(CustomerContact contact);

}
