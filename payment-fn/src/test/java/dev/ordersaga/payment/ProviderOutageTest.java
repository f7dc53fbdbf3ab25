package dev.ordersaga.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.payment.messaging.PauseWhileProviderDown;
import dev.ordersaga.payment.provider.ResilientPaymentProvider;
import dev.ordersaga.support.testing.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The provider going down under load: payment-fn pauses instead of failing or
 * dead-lettering, and settles every order exactly once when the provider is back.
 */
class ProviderOutageTest extends PaymentFnTestBase {

	@Autowired
	PauseWhileProviderDown intake;

	@Autowired
	CircuitBreakerRegistry circuitBreakers;

	@Autowired
	Payments payments;

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	CircuitBreaker breaker() {
		return circuitBreakers.circuitBreaker(ResilientPaymentProvider.INSTANCE);
	}

	@AfterEach
	void providerBackAndPaymentsFlowing() {
		SandboxAccess.comeBack();
		await().atMost(Duration.ofSeconds(30)).until(() -> !intake.isPaused());
	}

	@Test
	void pausesWhileTheProviderIsDownThenSettlesEveryOrderExactlyOnce() {
		long pausesBefore = intake.pauses();
		SandboxAccess.goDown();
		List<String> paid = newOrderIds(30);
		List<String> cancelledMeanwhile = newOrderIds(5);
		List<String> expiringMeanwhile = newOrderIds(5);
		List<String> all = new ArrayList<>();
		all.addAll(paid);
		all.addAll(cancelledMeanwhile);
		all.addAll(expiringMeanwhile);
		Instant soon = Instant.now().plus(Duration.ofSeconds(2));

		paid.forEach(orderId -> approve(orderId, "tok_visa"));
		cancelledMeanwhile.forEach(orderId -> approve(orderId, "tok_visa"));
		expiringMeanwhile.forEach(orderId -> approve(orderId, "tok_visa", 30_000, soon));
		cancelledMeanwhile.forEach(orderId -> cancel(orderId, "TIMEOUT"));

		await().atMost(Duration.ofSeconds(30)).until(intake::isPaused);
		// the breaker cycles open → half-open (probe) → open while the provider stays
		// down: catch each view once
		await().atMost(Duration.ofSeconds(10))
			.until(() -> actuator("/actuator/bindings").contains("\"state\":\"paused\""));
		await().atMost(Duration.ofSeconds(10)).until(() -> actuator("/actuator/health").contains("CIRCUIT_OPEN"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> actuator("/actuator/prometheus").contains(
					"resilience4j_circuitbreaker_state{application=\"payment-fn\",name=\"paymentProvider\",state=\"open\"} 1.0"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> actuator("/actuator/prometheus")
				.contains("saga_payment_intake_paused{application=\"payment-fn\"} 1.0"));
		assertThat(JsonMapper.shared().readTree(actuator("/actuator/health")).get("status").asString())
			.as("an open breaker keeps payment-fn itself UP")
			.isEqualTo("UP");
		await().pollInterval(Duration.ofMillis(500))
			.during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(10))
			.until(() -> nothingDecided(all));
		assertThat(unconsumed()).as("records of order-events not yet committed by payment-fn")
			.isGreaterThanOrEqualTo(all.size() + cancelledMeanwhile.size());
		assertThat(all).allSatisfy(orderId -> assertThat(SandboxAccess.charges(orderId)).isEmpty());

		SandboxAccess.comeBack();

		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> statuses(all).size() == all.size()
					&& statuses(all).values().stream().noneMatch(PaymentStatus.CHARGING::equals)
					&& statuses(cancelledMeanwhile).values().stream().allMatch(PaymentStatus.REFUNDED::equals));
		assertThat(statuses(paid)).containsOnlyKeys(paid)
			.allSatisfy((id, s) -> assertThat(s).isEqualTo(PaymentStatus.CHARGED));
		assertThat(statuses(cancelledMeanwhile)).allSatisfy((id, s) -> assertThat(s).isEqualTo(PaymentStatus.REFUNDED));
		assertThat(statuses(expiringMeanwhile)).allSatisfy((id, s) -> assertThat(s).isEqualTo(PaymentStatus.FAILED));
		assertThat(paid).allSatisfy(orderId -> assertThat(SandboxAccess.succeededCharges(orderId)).hasSize(1));
		assertThat(cancelledMeanwhile).allSatisfy(orderId -> {
			assertThat(SandboxAccess.succeededCharges(orderId)).hasSize(1);
			assertThat(SandboxAccess.refunds(orderId)).hasSize(1);
		});
		assertThat(expiringMeanwhile).allSatisfy(orderId -> {
			assertThat(SandboxAccess.charges(orderId)).isEmpty();
			assertThat(payments.findById(OrderId.of(orderId)).orElseThrow().failureReason())
				.isEqualTo(FailureReason.EXPIRED);
		});
		Set<String> deadLettered = records("order-events.dlq").stream().map(r -> r.key()).collect(Collectors.toSet());
		assertThat(all).noneMatch(deadLettered::contains);
		await().until(() -> breaker().getState() == CircuitBreaker.State.CLOSED && !intake.isPaused());
		assertThat(intake.pauses()).isGreaterThan(pausesBefore);
	}

	@Test
	void providerAnsweringServerErrorsToEverythingPausesPaymentsInsteadOfFailingOrders() {
		long pausesBefore = intake.pauses();
		SandboxAccess.goDown("SERVER_ERROR");
		List<String> orders = newOrderIds(6);

		orders.forEach(orderId -> approve(orderId, "tok_visa"));

		await().atMost(Duration.ofSeconds(30)).until(intake::isPaused);
		await().pollInterval(Duration.ofMillis(500))
			.during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(10))
			.until(() -> nothingDecided(orders));
		assertThat(orders).allSatisfy(orderId -> assertThat(SandboxAccess.charges(orderId)).isEmpty());

		SandboxAccess.comeBack();

		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> statuses(orders).size() == orders.size()
					&& statuses(orders).values().stream().allMatch(PaymentStatus.CHARGED::equals));
		assertThat(orders).allSatisfy(orderId -> {
			assertThat(SandboxAccess.succeededCharges(orderId)).hasSize(1);
			assertThat(paymentEvents(orderId, "payment.failed.v1")).isEmpty();
		});
		assertThat(intake.pauses()).isGreaterThan(pausesBefore);
	}

	@Test
	void refundThatMeetsServerErrorsWaitsUntilItSucceedsAndIsNeverDeadLettered() {
		String orderId = newOrderId();
		approve(orderId, "tok_visa");
		awaitPaymentEvent(orderId, "payment.processed.v1");
		SandboxAccess.goDown("SERVER_ERROR");

		cancel(orderId, "CUSTOMER_REQUEST");

		// longer than the binding's retries (4 attempts, 1 s back-off doubling) would
		// take
		// to dead-letter it
		await().pollInterval(Duration.ofMillis(500))
			.during(Duration.ofSeconds(12))
			.atMost(Duration.ofSeconds(15))
			.until(() -> nothingDecided(List.of(orderId), "payment.refunded.v1"));
		assertThat(SandboxAccess.refunds(orderId)).isEmpty();

		SandboxAccess.comeBack();

		awaitPaymentEvent(orderId, "payment.refunded.v1");
		assertThat(SandboxAccess.refunds(orderId)).hasSize(1);
		assertThat(records("order-events.dlq")).noneMatch(r -> orderId.equals(r.key()));
		assertThat(statuses(List.of(orderId))).containsEntry(orderId, PaymentStatus.REFUNDED);
	}

	@Test
	void aStreamOfPerRequestServerErrorsFailsThoseOrdersButNeverStopsPayments() {
		long pausesBefore = intake.pauses();
		List<String> failing = newOrderIds(8);

		failing.forEach(orderId -> approve(orderId, "tok_error"));
		String healthy = newOrderId();
		approve(healthy, "tok_visa");

		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> statuses(failing).size() == failing.size()
					&& statuses(failing).values().stream().allMatch(PaymentStatus.FAILED::equals)
					&& statuses(List.of(healthy)).get(healthy) == PaymentStatus.CHARGED);
		assertThat(failing)
			.allSatisfy(orderId -> assertThat(payments.findById(OrderId.of(orderId)).orElseThrow().failureReason())
				.isEqualTo(FailureReason.ERROR));
		assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(intake.pauses()).isEqualTo(pausesBefore);
	}

	boolean nothingDecided(List<String> orderIds) {
		Set<String> keys = Set.copyOf(orderIds);
		return records("payment-events").stream().noneMatch(r -> keys.contains(r.key()))
				&& records("order-events.dlq").stream().noneMatch(r -> keys.contains(r.key()));
	}

	/** No event of {@code type} and no dead letter for any of the orders. */
	boolean nothingDecided(List<String> orderIds, String type) {
		Set<String> keys = Set.copyOf(orderIds);
		return records("payment-events").stream()
			.noneMatch(r -> keys.contains(r.key()) && type.equals(header(r, "ce_type")))
				&& records("order-events.dlq").stream().noneMatch(r -> keys.contains(r.key()));
	}

	Map<String, PaymentStatus> statuses(List<String> orderIds) {
		return orderIds.stream()
			.map(id -> payments.findById(OrderId.of(id)))
			.flatMap(java.util.Optional::stream)
			.collect(Collectors.toMap(p -> p.orderId().toString(), Payment::status));
	}

	/** Records of order-events after payment-fn's committed offsets. */
	long unconsumed() {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
				KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
						Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
								ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
								ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("payment-fn")
				.partitionsToOffsetAndMetadata()
				.get();
			List<TopicPartition> partitions = consumer.partitionsFor("order-events")
				.stream()
				.map(info -> new TopicPartition("order-events", info.partition()))
				.toList();
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			return partitions.stream()
				.mapToLong(p -> end.get(p) - (committed.containsKey(p) ? committed.get(p).offset() : 0))
				.sum();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	String actuator(String path) {
		return RestClient.builder()
			.baseUrl("http://localhost:" + managementPort)
			.defaultHeader("Authorization", TestIssuer.operator())
			.build()
			.get()
			.uri(path)
			.retrieve()
			.onStatus(status -> true, (request, response) -> {
			})
			.body(String.class);
	}

	static List<String> newOrderIds(int count) {
		return IntStream.range(0, count).mapToObj(i -> newOrderId()).toList();
	}

}
