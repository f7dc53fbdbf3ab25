package dev.ordersaga.email.persistence;

import java.util.Optional;

import dev.ordersaga.email.CustomerId;
import dev.ordersaga.email.contact.CustomerContact;
import dev.ordersaga.email.contact.CustomerContacts;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The contact replica in MongoDB. "Only if not older" is a compare-and-set on the stored
 * {@code updatedAt}: read, compare, then replace only if {@code updatedAt} is still what
 * was read (or insert, if there was nothing), and start over when another consumer thread
 * wrote meanwhile. Each step is by {@code _id}, so it never scans.
 */
@Repository
class MongoCustomerContacts implements CustomerContacts {

	static final String COLLECTION = "customer_contacts";

	private final MongoTemplate mongo;

	MongoCustomerContacts(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Optional<CustomerContact> findById(CustomerId id) {
		return Optional.ofNullable(mongo.findById(id.toString(), CustomerContact.class, COLLECTION));
	}

	@Override
	public boolean saveIfNotOlder(CustomerContact contact) {
		while (true) {
			Optional<CustomerContact> stored = findById(contact.customerId());
			if (stored.isEmpty()) {
				try {
					mongo.insert(contact, COLLECTION);
					return true;
				}
				catch (DuplicateKeyException concurrently) {
					continue;
				}
			}
			if (stored.get().updatedAt().isAfter(contact.updatedAt())) {
				return false;
			}
			Query unchanged = Query.query(Criteria.where("_id")
				.is(contact.customerId().toString())
				.and("updatedAt")
				.is(stored.get().updatedAt()));
			if (mongo.findAndReplace(unchanged, contact, COLLECTION) != null) {
				return true;
			}
		}
	}

}
