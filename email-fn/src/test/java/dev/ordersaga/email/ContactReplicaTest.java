package dev.ordersaga.email;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.ordersaga.email.contact.Contacts;
import dev.ordersaga.email.contact.CustomerContact;
import dev.ordersaga.email.contact.CustomerProfile;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact replica keeps the newest profile by its {@code ce_time}, whatever order the
 * profiles arrive in (a republished old version, a replay after a rebalance).
 */
class ContactReplicaTest extends EmailFnTestBase {

	private static final Instant OLDER = Instant.parse("2026-11-25T10:00:00Z");

	private static final Instant NEWER = Instant.parse("2026-11-25T10:05:00Z");

	@Autowired
	private Contacts contacts;

	@Test
	void keepsTheNewerProfileWhenAnOlderOneArrivesAfterIt() {
		CustomerId customer = CustomerId.of(newId());

		contacts.record(new CustomerProfile(customer, "New Name", "new@example.com", "ko"), NEWER);
		contacts.record(new CustomerProfile(customer, "Old Name", "old@example.com", "en"), OLDER);

		assertThat(contacts.find(customer)).get()
			.extracting(CustomerContact::name, CustomerContact::email, CustomerContact::locale,
					CustomerContact::updatedAt)
			.containsExactly("New Name", "new@example.com", "ko", NEWER);
	}

	@Test
	void replacesTheProfileWithANewerOneAndReappliesTheSameOne() {
		CustomerId customer = CustomerId.of(newId());

		contacts.record(new CustomerProfile(customer, "Old Name", "old@example.com", "en"), OLDER);
		contacts.record(new CustomerProfile(customer, "New Name", "new@example.com", "ko"), NEWER);
		contacts.record(new CustomerProfile(customer, "New Name", "new@example.com", "ko"), NEWER);

		assertThat(contacts.find(customer)).get()
			.extracting(CustomerContact::name, CustomerContact::email, CustomerContact::updatedAt)
			.containsExactly("New Name", "new@example.com", NEWER);
	}

	@Test
	void anOlderProfileReleasesNoMailToItsOutdatedAddress() {
		String customer = newId();
		String order = newId();
		String current = newAddress();
		String outdated = newAddress();
		contacts.record(new CustomerProfile(CustomerId.of(customer), "Jane Doe", current, "en"), NEWER);
		contacts.record(new CustomerProfile(CustomerId.of(customer), "Jane Doe", outdated, "en"), OLDER);

		paymentProcessed(order, customer);

		assertThat(awaitMails(current, 1)).hasSize(1);
		assertThat(TestSmtp.receivedBy(outdated)).isEmpty();
	}

}
