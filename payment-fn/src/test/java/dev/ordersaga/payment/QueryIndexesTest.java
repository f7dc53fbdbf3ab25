package dev.ordersaga.payment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.ordersaga.payment.persistence.PaymentQueries;
import dev.ordersaga.support.testing.QueryShapes;
import dev.ordersaga.support.testing.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.IndexResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every query payment-fn issues is listed in {@link PaymentQueries} with an index that
 * serves it on a real MongoDB (the embedded server ignores secondary indexes, so only
 * this test notices a missing one). Drives every use case that reads the store — a
 * charge, a refund, a payment failed with an uncertain outcome and its re-checks, the
 * HTTP read — then checks what the service's MongoDB client recorded meanwhile.
 */
class QueryIndexesTest extends PaymentFnTestBase {

	private static final String PROCESSED = "payment.processed.v1";

	private static final String REFUNDED = "payment.refunded.v1";

	private static final String FAILED = "payment.failed.v1";

	@LocalServerPort
	int port;

	@Autowired
	MongoMappingContext mapping;

	@Autowired
	MongoTemplate mongo;

	@Test
	void everyQueryTheServiceIssuesIsListedWithAnIndexThatServesIt() {
		QueryShapes.reset();
		String charged = newOrderId();
		String uncertain = newOrderId();
		approve(charged, "tok_visa");
		approve(uncertain, "tok_error");
		awaitPaymentEvent(charged, PROCESSED);
		cancel(charged, "CUSTOMER_REQUEST");
		awaitPaymentEvent(charged, REFUNDED);
		awaitPaymentEvent(uncertain, FAILED);
		// every re-check of the failed payment ran (delays of 1, 2 and 4 s in tests)
		await().atMost(Duration.ofSeconds(60))
			.until(() -> !mongo.exists(Query.query(Criteria.where("_id").is(uncertain)), PaymentQueries.RECHECKS));
		RestClient.create("http://localhost:" + port)
			.get()
			.uri("/payments?orderId={id}", charged)
			.header("Authorization", TestIssuer.operator())
			.retrieve()
			.toBodilessEntity();

		assertThat(QueryShapes.problems(PaymentQueries.SHAPES, declaredIndexes())).isEmpty();
		assertThat(PaymentQueries.SHAPES).as("listed shapes the workload issued (so that a shape left out fails)")
			.allSatisfy(shape -> assertThat(QueryShapes.recorded(Set.of(shape.collection()))).anySatisfy(
					query -> assertThat(shape.matches(query.collection(), query.filter(), query.sort())).isTrue()));
		assertThat(QueryShapes.recorded(Set.of(PaymentQueries.PAYMENTS, PaymentQueries.RECHECKS)))
			.as("queries recorded")
			.hasSizeGreaterThanOrEqualTo(5);
	}

	private Map<String, List<IndexDefinition>> declaredIndexes() {
		List<IndexDefinition> payments = new ArrayList<>();
		IndexResolver.create(mapping).resolveIndexFor(Payment.class).forEach(payments::add);
		return Map.of(PaymentQueries.PAYMENTS, payments, PaymentQueries.RECHECKS, PaymentQueries.createdAtStart());
	}

}
