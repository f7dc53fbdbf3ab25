package dev.ordersaga.email.contracts;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.ordersaga.contracts.ConsumerContract;
import dev.ordersaga.email.CustomerId;
import dev.ordersaga.email.contact.CustomerContact;
import dev.ordersaga.email.contact.CustomerProfile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * email-fn as consumer of customer-fn's profiles: each stub of
 * {@code contracts/customer-fn/email-fn/} goes through {@code replicateProfiles} into the
 * contact replica.
 */
class ProfileStubsTest extends ContractTestBase {

	@Test
	@ConsumerContract("customer.registered.v1 for email-fn")
	void replicatesTheContactOfARegisteredCustomer() {
		CustomerId customer = CustomerId.of(contractUnderTest().example("customerId"));

		triggerStub();

		assertThat(contacts.find(customer)).get()
			.extracting(CustomerContact::name, CustomerContact::email, CustomerContact::locale)
			.containsExactly(contractUnderTest().example("name"), contractUnderTest().example("email"),
					contractUnderTest().example("locale"));
	}

	@Test
	@ConsumerContract("customer.updated.v1 for email-fn")
	void replacesTheContactOfACustomerWithTheUpdatedProfile() {
		CustomerId customer = CustomerId.of(contractUnderTest().example("customerId"));
		contacts.record(new CustomerProfile(customer, "Former Name", "former@example.com", "en"),
				Instant.parse("2026-11-24T10:00:00Z"));

		triggerStub();

		assertThat(contacts.find(customer)).get()
			.extracting(CustomerContact::name, CustomerContact::email, CustomerContact::locale)
			.containsExactly(contractUnderTest().example("name"), contractUnderTest().example("email"),
					contractUnderTest().example("locale"));
	}

}
