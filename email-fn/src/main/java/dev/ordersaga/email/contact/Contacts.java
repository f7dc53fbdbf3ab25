package dev.ordersaga.email.contact;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.email.CustomerId;
import dev.ordersaga.email.OrderId;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Answers "whom do we write to about this order?" from the replicated profiles and order
 * links. Both are written idempotently: replaying a profile or a link changes nothing.
 */
@Service
public class Contacts {

	private static final Logger log = LoggerFactory.getLogger(Contacts.class);

	private final CustomerContacts contacts;

	private final OrderCustomers orders;

	public Contacts(CustomerContacts contacts, OrderCustomers orders) {
		this.contacts = contacts;
		this.orders = orders;
	}

	/**
	 * Replaces the customer's contact data, unless the replica already holds a newer
	 * profile: the newest by {@code ce_time} wins, whatever order the profiles arrive in
	 * (an old version published again after a new one, a replay, a redelivery).
	 * @param at the profile's {@code ce_time}
	 * @return whether the profile was stored, i.e. was not older than the replica's
	 */
	public boolean record(CustomerProfile profile, Instant at) {
		if (!contacts.saveIfNotOlder(CustomerContact.of(profile, at))) {
			log.info("Profile of customer {} from {} ignored: the replica holds a newer one", profile.customerId(), at);
			return false;
		}
		log.info("Contact of customer {} recorded (locale {})", profile.customerId(), profile.locale());
		return true;
	}

	/**
	 * Remembers that the order belongs to the customer.
	 * @return whether the link is new, i.e. e-mails of this order may have been waiting
	 * for it
	 */
	public boolean link(OrderId order, CustomerId customer, Instant at) {
		try {
			orders.insert(new OrderCustomer(order, customer, at));
		}
		catch (DuplicateKeyException alreadyLinked) {
			return false;
		}
		log.debug("Order {} belongs to customer {}", order, customer);
		return true;
	}

	public Optional<CustomerId> customerOf(OrderId order) {
		return orders.findById(order).map(OrderCustomer::customerId);
	}

	public Optional<CustomerContact> find(CustomerId customer) {
		return contacts.findById(customer);
	}

}
