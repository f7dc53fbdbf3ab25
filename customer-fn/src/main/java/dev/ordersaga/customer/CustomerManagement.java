package dev.ordersaga.customer;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.support.money.Money;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Registers customers and changes their profile and credit limit. Profile events leave
 * through the outbox, in the same document write as the change they announce.
 */
@Service
public class CustomerManagement {

	private static final Logger log = LoggerFactory.getLogger(CustomerManagement.class);

	private final Customers customers;

	private final CustomerProperties properties;

	private final Clock clock;

	public CustomerManagement(Customers customers, CustomerProperties properties, Clock clock) {
		this.customers = customers;
		this.properties = properties;
		this.clock = clock;
	}

	public Customer register(String name, String email, String locale, Money creditLimit) {
		Customer customer = Customer.register(CustomerId.random(), name, email, locale, creditLimit, clock.instant());
		customers.insert(customer, List.of(customer.registered()));
		log.info("Customer {} registered with a credit limit of {}", customer.id(), creditLimit);
		return customer;
	}

	public Optional<Customer> find(CustomerId id) {
		return customers.findById(id);
	}

	/**
	 * @return what the change led to; {@link CustomerChange.Changed#after()} is the
	 * customer as stored, with the credit movements that happened meanwhile; empty when
	 * there is no such customer
	 * @throws OptimisticLockingFailureException when the customer kept changing under
	 * every attempt
	 */
	public Optional<CustomerChange> change(CustomerId id, CustomerChanges changes) {
		BackOffExecution pauses = properties.writePauses().start();
		for (long pause = 0; pause != BackOffExecution.STOP; pause = pauses.nextBackOff()) {
			sleep(pause);
			Optional<Customer> current = customers.findById(id);
			if (current.isEmpty()) {
				return Optional.empty();
			}
			CustomerChange change = current.get().change(changes, clock.instant());
			if (!(change instanceof CustomerChange.Changed changed)) {
				return Optional.of(change);
			}
			Optional<Customer> stored = customers.update(changed);
			if (stored.isPresent()) {
				log.info("Customer {} changed to version {}: credit limit {}, {} available", id, stored.get().version(),
						stored.get().creditLimit(), stored.get().availableCredit());
				return Optional.of(new CustomerChange.Changed(changed.before(), stored.get(), changed.profile()));
			}
		}
		throw new OptimisticLockingFailureException(
				"Customer " + id + " kept changing under " + properties.writeAttempts() + " attempts");
	}

	/** A jittered pause lets competing changes of one customer drift apart. */
	private static void sleep(long millis) {
		if (millis <= 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new OptimisticLockingFailureException("Interrupted while waiting to change a customer", ex);
		}
	}

}
