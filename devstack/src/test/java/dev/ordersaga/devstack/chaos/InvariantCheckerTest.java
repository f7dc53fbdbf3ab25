package dev.ordersaga.devstack.chaos;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ordersaga.devstack.SagaStack;
import dev.ordersaga.devstack.saga.E2e;
import dev.ordersaga.support.testing.KafkaTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The checker finds what it is there to find: each kind of damage done by hand to a
 * completed saga shows up under its invariant, with the offending id.
 */
class InvariantCheckerTest {

	final SagaStack stack = E2e.stack();

	final Http http = new Http();

	@Test
	void aHealthySagaBreaksNothingAndEachKindOfDamageIsReportedUnderItsInvariant() throws Exception {
		String customer = http.send("POST", stack.url("customer-fn") + "/customers", """
				{"name":"Checked","email":"checked-%s@example.com","locale":"en",
				 "creditLimit":{"amount":100000,"currency":"KRW"}}""".formatted(UUID.randomUUID()))
			.body()
			.path("customerId")
			.asString();
		String orderId = http.send("POST", stack.url("order-fn") + "/orders", """
				{"customerId":"%s","paymentMethod":"tok_visa",
				 "lines":[{"sku":"CHECK-1","quantity":1,"unitPrice":{"amount":30000,"currency":"KRW"}}]}"""
			.formatted(customer)).body().path("orderId").asString();
		AcceptedOrder order = new AcceptedOrder(orderId, customer, 30_000, "tok_visa");
		InvariantChecker checker = new InvariantChecker(new InvariantChecker.Endpoints(stack.url("order-fn"),
				stack.url("customer-fn"), stack.url("audit-fn"), stack.url("payment-sandbox"), stack.kafkaBootstrap(),
				() -> Arrays.asList(stack.mail().getReceivedMessages())));
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
			ChaosReport report = checker.check(run(List.of(order), Map.of(customer, 100_000L)), true);
			return (long) report.asMap().get("completed") == 1 && report.violations(ChaosReport.MISSING_MAILS) == 0
					&& report.violations(ChaosReport.CREDIT_MISMATCHES) == 0;
		});

		ChaosReport healthy = checker.check(run(List.of(order), Map.of(customer, 100_000L)), true);
		for (String invariant : List.of(ChaosReport.LOST, ChaosReport.DOUBLE_CHARGES,
				ChaosReport.COMPLETED_NOT_CHARGED_ONCE, ChaosReport.DUPLICATE_MAILS, ChaosReport.MISSING_MAILS,
				ChaosReport.NON_MONOTONIC, ChaosReport.CREDIT_MISMATCHES)) {
			assertThat(healthy.violations(invariant)).as(invariant + "\n" + healthy.toMarkdown()).isZero();
		}

		String lost = UUID.randomUUID().toString();
		refundAtTheProvider(orderId);
		sendMailAgain(orderId, customer);
		String stray = "stray-" + UUID.randomUUID();
		new KafkaTopics(stack::kafkaBootstrap).publish("order-events.dlq", stray, Map.of(), "{}");

		ChaosReport damaged = checker.check(
				run(List.of(order, new AcceptedOrder(lost, customer, 1_000, "tok_visa")), Map.of(customer, 90_000L)),
				true);

		assertThat(ids(damaged, ChaosReport.LOST)).containsExactly(lost);
		assertThat(ids(damaged, ChaosReport.COMPLETED_NOT_CHARGED_ONCE)).containsExactly(orderId);
		assertThat(ids(damaged, ChaosReport.DUPLICATE_MAILS)).anyMatch(id -> id.startsWith(orderId));
		assertThat(ids(damaged, ChaosReport.CREDIT_MISMATCHES)).anyMatch(id -> id.startsWith(customer));
		assertThat(ids(damaged, ChaosReport.UNEXPECTED_DEAD_LETTERS)).anyMatch(id -> id.contains(stray));
		assertThat(damaged.auditAgrees()).as("audit-fn sees neither the refund nor the lost order").isFalse();
		assertThat(damaged.passed()).isFalse();
		assertThat(damaged.toJson()).contains("\"lost\" : 1", "\"auditAgrees\" : false");
	}

	private static InvariantChecker.Run run(List<AcceptedOrder> orders, Map<String, Long> limits) {
		return new InvariantChecker.Run(1, Duration.ZERO, orders, limits, List.of(), Map.of(), Map.of());
	}

	@SuppressWarnings("unchecked")
	private static List<String> ids(ChaosReport report, String invariant) {
		return ((Map<String, List<String>>) report.asMap().get("offending")).getOrDefault(invariant, List.of());
	}

	private void refundAtTheProvider(String orderId) {
		JsonNode charges = http.get(stack.url("payment-sandbox") + "/sandbox/charges?orderId=" + orderId).body();
		String charge = charges.get(0).path("id").asString();
		Http.Answer refund = http.send("POST", stack.url("payment-sandbox") + "/v1/refunds",
				"{\"charge\":\"" + charge + "\"}", "Authorization", "Bearer sk_test_sandbox", "Idempotency-Key",
				UUID.randomUUID().toString());
		assertThat(refund.status()).as(refund.body().toString()).isEqualTo(200);
	}

	/** A second copy of the order's completion mail, with email-fn's Message-ID. */
	private void sendMailAgain(String orderId, String customer) throws MessagingException {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", "localhost");
		properties.put("mail.smtp.port", String.valueOf(stack.stack().mail().smtpPort()));
		MimeMessage message = new MimeMessage(Session.getInstance(properties)) {
			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", "<" + orderId + ".order-completed@order-saga>");
			}
		};
		message.setFrom("orders@order-saga.dev");
		message.setRecipients(MimeMessage.RecipientType.TO, "checked-" + customer + "@example.com");
		message.setSubject("again");
		message.setText("again");
		Transport.send(message);
	}

}
