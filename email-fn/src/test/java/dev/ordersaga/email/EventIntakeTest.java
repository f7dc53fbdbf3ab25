package dev.ordersaga.email;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.ordersaga.email.sending.EmailKind;
import dev.ordersaga.email.sending.EmailStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tolerant reader: unknown types pass by, poison goes to the dead-letter topic, the
 * partition keeps moving.
 */
class EventIntakeTest extends EmailFnTestBase {

	@Test
	void sendsPoisonRecordsToTheDeadLetterTopicAndKeepsProcessingThePartition() {
		String customer = newId();
		String order = newId();
		String address = newAddress();
		profile(customer, "Jane Doe", address, "en");

		publish("payment-events", order, Map.of("ce_type", "payment.processed.v1", "ce_id", "poison-" + order),
				"not json at all".getBytes());
		publishEvent("payment-events", "payment.refunded.v1", order, "{\"unexpected\":\"shape\"}");
		paymentProcessed(order, customer);

		awaitStatus(order, EmailKind.PAYMENT_COMPLETED, EmailStatus.SENT);
		ConsumerRecord<String, byte[]> notJson = awaitRecord("payment-events.dlq",
				r -> order.equals(r.key()) && "not json at all".equals(body(r)));
		ConsumerRecord<String, byte[]> wrongShape = awaitRecord("payment-events.dlq",
				r -> order.equals(r.key()) && body(r).contains("unexpected"));
		assertThat(header(notJson, "x-exception-message")).contains("Unreadable payment.processed.v1");
		assertThat(header(wrongShape, "x-exception-message")).contains("orderId");
		assertThat(header(notJson, "x-original-topic")).isEqualTo("payment-events");
		assertThat(email(order, EmailKind.PAYMENT_REFUNDED)).isEmpty();
	}

	@Test
	void ignoresEventTypesItDoesNotRead() {
		String customer = newId();
		String order = newId();
		String address = newAddress();
		profile(customer, "Jane Doe", address, "en");

		publishEvent("payment-events", "payment.failed.v1", order,
				"{\"orderId\":\"" + order + "\",\"reason\":\"DECLINED\"}");
		publishEvent("order-events", "order.shipped.v9", order, "not even json");
		publishEvent("customer-profiles", "customer.deleted.v1", customer, "{}");
		paymentProcessed(order, customer);

		awaitStatus(order, EmailKind.PAYMENT_COMPLETED, EmailStatus.SENT);
		assertThat(records("payment-events.dlq")).noneMatch(r -> order.equals(r.key()));
		assertThat(records("order-events.dlq")).noneMatch(r -> order.equals(r.key()));
		assertThat(emails.findByOrderId(OrderId.of(order))).hasSize(1);
	}

}
