package dev.ordersaga.email;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.ordersaga.email.contact.CustomerContact;
import dev.ordersaga.email.contact.OrderCustomer;
import dev.ordersaga.email.persistence.EmailQueries;
import dev.ordersaga.email.sending.DispatchLoop;
import dev.ordersaga.email.sending.Email;
import dev.ordersaga.email.sending.EmailKind;
import dev.ordersaga.email.sending.EmailStatus;
import dev.ordersaga.support.outbox.OutboxRelay;
import dev.ordersaga.support.testing.QueryShapes;
import dev.ordersaga.support.testing.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.IndexResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every query email-fn issues is listed in {@link EmailQueries} with an index that serves
 * it on a real MongoDB (the embedded server ignores secondary indexes, so only this test
 * notices a missing one). Drives every use case that reads the store — profiles, order
 * links, mails waiting for a contact and released, mails sent, a redelivery, the HTTP
 * read, the dispatcher's and the outbox relay's sweeps — then checks what the service's
 * MongoDB client recorded meanwhile.
 */
class QueryIndexesTest extends EmailFnTestBase {

	@LocalServerPort
	int port;

	@Autowired
	MongoMappingContext mapping;

	@Autowired
	DispatchLoop dispatchLoop;

	@Autowired
	OutboxRelay relay;

	@Test
	void everyQueryTheServiceIssuesIsListedWithAnIndexThatServesIt() {
		QueryShapes.reset();
		String customer = newId();
		String address = newAddress();
		String waiting = newId();
		paymentProcessed(waiting, customer);
		awaitStatus(waiting, EmailKind.PAYMENT_COMPLETED, EmailStatus.WAITING_FOR_CONTACT);
		profile(customer, "Jane Doe", address, "en");
		profile(customer, "Jane Doe", address, "en");
		String unnamed = newId();
		paymentProcessed(unnamed, null);
		awaitStatus(unnamed, EmailKind.PAYMENT_COMPLETED, EmailStatus.WAITING_FOR_CONTACT);
		orderCreated(unnamed, customer);
		orderCompleted(unnamed, customer);
		awaitMails(address, 3);
		awaitStatus(unnamed, EmailKind.ORDER_COMPLETED, EmailStatus.SENT);
		orderCompleted(unnamed, customer); // a redelivery re-announces the outcome
		RestClient.create("http://localhost:" + port)
			.get()
			.uri("/emails?orderId={id}", unnamed)
			.header("Authorization", TestIssuer.operator())
			.retrieve()
			.toBodilessEntity();
		dispatchLoop.sweep();
		relay.relayAll();
		await().atMost(Duration.ofSeconds(30)).until(relay::idle);

		assertThat(QueryShapes.problems(EmailQueries.SHAPES, declaredIndexes())).isEmpty();
		assertThat(EmailQueries.SHAPES).as("listed shapes the workload issued (so that a shape left out fails)")
			.allSatisfy(shape -> assertThat(QueryShapes.recorded(Set.of(shape.collection()))).anySatisfy(
					query -> assertThat(shape.matches(query.collection(), query.filter(), query.sort())).isTrue()));
		assertThat(QueryShapes.recorded(
				Set.of(EmailQueries.EMAILS, EmailQueries.WAITS, EmailQueries.CONTACTS, EmailQueries.ORDER_CUSTOMERS)))
			.as("queries recorded")
			.hasSizeGreaterThanOrEqualTo(8);
	}

	private Map<String, List<IndexDefinition>> declaredIndexes() {
		List<IndexDefinition> emails = new ArrayList<>();
		IndexResolver.create(mapping).resolveIndexFor(Email.class).forEach(emails::add);
		emails.add(OutboxRelay.sweepIndex());
		List<IndexDefinition> contacts = new ArrayList<>();
		IndexResolver.create(mapping).resolveIndexFor(CustomerContact.class).forEach(contacts::add);
		List<IndexDefinition> links = new ArrayList<>();
		IndexResolver.create(mapping).resolveIndexFor(OrderCustomer.class).forEach(links::add);
		return Map.of(EmailQueries.EMAILS, emails, EmailQueries.CONTACTS, contacts, EmailQueries.ORDER_CUSTOMERS, links,
				EmailQueries.WAITS, List.of());
	}

}
