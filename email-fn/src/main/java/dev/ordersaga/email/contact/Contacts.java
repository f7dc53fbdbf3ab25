package dev.ordersaga.email.contact;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.email.CustomerId;
import dev.ordersaga.email.OrderId;

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
	 * Replaces the customer's contact data. The compacted topic delivers one customer's
	 * profiles in order, so the last one applied is the current one, also when the topic
	 * is replayed from the start.
	 */
	public void record(CustomerProfile profile, Instant at) {
		contacts.save(CustomerContact.of(profile, at));
		log.info("Contact of customer {} recorded (locale {})", profile.customerId(), profile.locale());
	}

	/**
	 * Remembers that the order belongs to the customer.
	 * @return whether the link is new, i.e. e-mails of this order may have been waiting
	 * for it
	 */
	public boolean link(OrderId order, CustomerId customer, Instant at) {
		if (orders.existsById(order)) {
			return false;
		}
		orders.save(new OrderCustomer(order, customer, at));
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
