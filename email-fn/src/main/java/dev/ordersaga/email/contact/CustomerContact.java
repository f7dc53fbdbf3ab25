package dev.ordersaga.email.contact;

import java.time.Instant;

import dev.ordersaga.email.CustomerId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The latest contact data of one customer, as customer-fn last published it. Stored as
 * received: the address is checked when an e-mail is composed, so that a bad address
 * fails that e-mail with a reason instead of vanishing.
 *
 * @param updatedAt {@code ce_time} of the profile event this copy comes from
 */
@Document("customer_contacts")
// Redundant on MongoDB, where _id alone finds the contact; the embedded test and devstack
// store uses an index only when a query names exactly its fields, so without it every
// conditional replace would scan the whole replica.
@CompoundIndex(name = "id_updated", def = "{'_id': 1, 'updatedAt': 1}", unique = true)
public record CustomerContact(@Id CustomerId customerId, String name, String email, String locale, Instant updatedAt) {

	static CustomerContact of(CustomerProfile profile, Instant updatedAt) {
		return new CustomerContact(profile.customerId(), profile.name(), profile.email(), profile.locale(), updatedAt);
	}
}
