package dev.ordersaga.email;

import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.ordersaga.email.sending.Email;
import dev.ordersaga.email.sending.EmailKind;
import dev.ordersaga.email.sending.EmailStatus;
import dev.ordersaga.support.events.EventIds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Saga events in, e-mails out through a real SMTP server, outcomes on email-events: once
 * per order and kind.
 */
class EmailDeliveryTest extends EmailFnTestBase {

	@Test
	void sendsExactlyOnePaymentCompletedAndOneOrderCompletedMailOnTheHappyPath() throws Exception {
		String customer = newId();
		String order = newId();
		String address = newAddress();

		profile(customer, "Jane Doe", address, "en");
		orderCreated(order, customer);
		paymentProcessed(order, null);
		orderCompleted(order, customer);

		ConsumerRecord<String, byte[]> paymentSent = awaitRecord("email-events", r -> order.equals(r.key())
				&& "email.sent.v1".equals(header(r, "ce_type")) && body(r).contains("\"PAYMENT_COMPLETED\""));
		awaitRecord("email-events", r -> order.equals(r.key()) && "email.sent.v1".equals(header(r, "ce_type"))
				&& body(r).contains("\"ORDER_COMPLETED\""));
		List<MimeMessage> mails = awaitMails(address, 2);
		assertThat(mails).hasSize(2);
		assertThat(mails).extracting(MimeMessage::getMessageID)
			.containsExactlyInAnyOrder("<" + order + ".payment-completed@order-saga>",
					"<" + order + ".order-completed@order-saga>");
		assertThat(mails).extracting(MimeMessage::getSubject)
			.containsExactlyInAnyOrder("Payment received for order " + order.substring(0, 8),
					"Your order " + order.substring(0, 8) + " is complete");
		assertThat(header(paymentSent, "ce_id")).isEqualTo(EventIds.of(order + "/PAYMENT_COMPLETED", "email.sent.v1"));
		assertThat(header(paymentSent, "ce_subject")).isEqualTo(order);
		assertThat(header(paymentSent, "ce_source")).isEqualTo("/email-fn");
		assertThat(body(paymentSent)).contains("\"orderId\":\"" + order + "\"")
			.contains("\"messageId\":\"<" + order + ".payment-completed@order-saga>\"")
			.contains("\"sentAt\":\"");
	}

	@Test
	void announcesTheSentMailInTheTraceOfTheEventThatAskedForIt() {
		String customer = newId();
		String order = newId();
		String traceId = "4bf92f3577b34da6a3ce929d0e0e" + order.substring(0, 4);
		profile(customer, "Jane Doe", newAddress(), "en");
		orderCreated(order, customer);

		publish("payment-events", order,
				java.util.Map.of("ce_id", newId(), "ce_type", "payment.processed.v1", "ce_subject", order,
						"traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"),
				"""
						{"orderId":"%s","paymentId":"pay-1","amount":{"amount":30000,"currency":"KRW"},
						 "providerReference":"ch_1","processedAt":"2026-11-25T10:00:00Z"}""".formatted(order)
					.getBytes(java.nio.charset.StandardCharsets.UTF_8));

		ConsumerRecord<String, byte[]> sent = awaitRecord("email-events",
				r -> order.equals(r.key()) && "email.sent.v1".equals(header(r, "ce_type")));
		assertThat(header(sent, "traceparent")).startsWith("00-" + traceId + "-");
	}

	@Test
	void redeliveringEveryEventOfACompletedSagaSendsNothingAndRepublishesTheSameOutcomes() {
		String customer = newId();
		String order = newId();
		String address = newAddress();
		Runnable saga = () -> {
			profile(customer, "Jane Doe", address, "en");
			orderCreated(order, customer);
			paymentProcessed(order, customer);
			orderCompleted(order, customer);
		};
		saga.run();
		awaitStatus(order, EmailKind.PAYMENT_COMPLETED, EmailStatus.SENT);
		awaitStatus(order, EmailKind.ORDER_COMPLETED, EmailStatus.SENT);

		saga.run();

		await().until(() -> emailEvents(order, "email.sent.v1").size() == 4);
		assertThat(TestSmtp.receivedBy(address)).hasSize(2);
		List<ConsumerRecord<String, byte[]>> sent = emailEvents(order, "email.sent.v1");
		assertThat(sent.stream().map(r -> header(r, "ce_id")).distinct()).containsExactlyInAnyOrder(
				EventIds.of(order + "/PAYMENT_COMPLETED", "email.sent.v1"),
				EventIds.of(order + "/ORDER_COMPLETED", "email.sent.v1"));
		assertThat(sent.stream().map(r -> header(r, "ce_id") + header(r, "ce_time") + body(r)).distinct())
			.as("a re-announcement is identical, time and body included")
			.hasSize(2);
		assertThat(email(order, EmailKind.PAYMENT_COMPLETED).orElseThrow().attempts()).isEqualTo(1);
	}

	@Test
	void waitsForAProfileThatArrivesAfterTheEventThenSendsOnce() {
		String customer = newId();
		String order = newId();
		String address = newAddress();

		paymentProcessed(order, customer);
		Email waiting = awaitStatus(order, EmailKind.PAYMENT_COMPLETED, EmailStatus.WAITING_FOR_CONTACT);
		assertThat(waiting.customerId()).isEqualTo(CustomerId.of(customer));
		assertThat(TestSmtp.receivedBy(address)).isEmpty();

		profile(customer, "Late Profile", address, "en");

		assertThat(awaitMails(address, 1)).hasSize(1);
		Email sent = awaitStatus(order, EmailKind.PAYMENT_COMPLETED, EmailStatus.SENT);
		assertThat(sent.mail().to()).isEqualTo(address);
		assertThat(sent.sentAt()).as("released by the profile, not by the end of the wait")
			.isBefore(waiting.waitUntil());
	}

	@Test
	void waitsForTheOrdersCustomerWhenThePaymentDoesNotNameIt() {
		String customer = newId();
		String order = newId();
		String address = newAddress();
		profile(customer, "Jane Doe", address, "en");

		paymentProcessed(order, null);
		Email waiting = awaitStatus(order, EmailKind.PAYMENT_COMPLETED, EmailStatus.WAITING_FOR_CONTACT);
		assertThat(waiting.customerId()).isNull();
		orderCreated(order, customer);

		assertThat(awaitMails(address, 1)).hasSize(1);
		assertThat(awaitStatus(order, EmailKind.PAYMENT_COMPLETED, EmailStatus.SENT).sentAt())
			.as("released by the order link, not by the end of the wait")
			.isBefore(waiting.waitUntil());
	}

	@Test
	void givesUpWithNoContactWhenTheProfileNeverArrives() {
		String order = newId();

		paymentProcessed(order, newId());

		ConsumerRecord<String, byte[]> failed = awaitRecord("email-events",
				r -> order.equals(r.key()) && "email.failed.v1".equals(header(r, "ce_type")));
		assertThat(body(failed)).contains("\"kind\":\"PAYMENT_COMPLETED\"")
			.contains("\"reason\":\"NO_CONTACT\"")
			.contains("\"attempts\":0");
		assertThat(header(failed, "ce_id")).isEqualTo(EventIds.of(order + "/PAYMENT_COMPLETED", "email.failed.v1"));
	}

	@Test
	void tellsAKoreanCustomerInKoreanThatTheDeclinedOrderWasCancelled() throws Exception {
		String customer = newId();
		String order = newId();
		String address = newAddress();

		profile(customer, "김민지", address, "ko");
		orderCreated(order, customer);
		orderCancelled(order, customer, "PAYMENT_DECLINED");

		MimeMessage mail = awaitMails(address, 1).getFirst();
		assertThat(mail.getSubject()).isEqualTo("[주문 " + order.substring(0, 8) + "] 주문이 취소되었습니다");
		assertThat(mail.getMessageID()).isEqualTo("<" + order + ".order-cancelled@order-saga>");
		assertThat(textOf(mail)).startsWith("김민지님, 안녕하세요.").contains("결제가 거절되었습니다.");
		assertThat(awaitStatus(order, EmailKind.ORDER_CANCELLED, EmailStatus.SENT).mail().locale()).isEqualTo("ko");
	}

	@Test
	void failsAtOnceWithoutWaitingWhenTheOrderWasCancelledForAnUnknownCustomer() {
		String order = newId();

		orderCancelled(order, newId(), "UNKNOWN_CUSTOMER");

		Email failed = awaitStatus(order, EmailKind.ORDER_CANCELLED, EmailStatus.FAILED);
		assertThat(failed.failedAt()).isEqualTo(failed.requestedAt());
		assertThat(failed.failureDetail()).contains("does not know");
		awaitRecord("email-events", r -> order.equals(r.key()) && "email.failed.v1".equals(header(r, "ce_type"))
				&& body(r).contains("\"reason\":\"NO_CONTACT\""));
	}

}
