package dev.ordersaga.email;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.email.contact.Contacts;
import dev.ordersaga.email.contact.CustomerProfile;
import dev.ordersaga.email.sending.Addressing;
import dev.ordersaga.email.sending.DispatchSignal;
import dev.ordersaga.email.sending.Email;
import dev.ordersaga.email.sending.EmailKind;
import dev.ordersaga.email.sending.EmailStatus;
import dev.ordersaga.email.sending.Emailing;
import dev.ordersaga.email.sending.MailFacts;
import dev.ordersaga.email.sending.SagaEvent.PaymentProcessed;
import dev.ordersaga.support.money.Money;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A small benchmark, not a timed assertion: logs how many e-mails per second reach the
 * SMTP server for a burst of requests (as the consumers make them) and for a backlog of
 * queued ones (the dispatcher alone). Asserts only that every one arrives, once.
 */
class MailThroughputTest extends EmailFnTestBase {

	private static final Logger log = LoggerFactory.getLogger(MailThroughputTest.class);

	private static final int MAILS = 500;

	@Autowired
	private Emailing emailing;

	@Autowired
	private Contacts contacts;

	@Autowired
	private Addressing addressing;

	@Autowired
	private DispatchSignal dispatch;

	@Test
	void sendsABurstOfMailsOnceEach() {
		String customer = newId();
		String address = newAddress();
		contacts.record(new CustomerProfile(CustomerId.of(customer), "Jane Doe", address, "en"), Instant.now());
		List<String> orders = new ArrayList<>();
		for (int i = 0; i < MAILS; i++) {
			orders.add(UUID.randomUUID().toString());
		}

		long start = System.nanoTime();
		long cpuStart = processCpuNanos();
		for (String order : orders) {
			emailing.on(new PaymentProcessed(OrderId.of(order), "pay-" + order.substring(0, 8), Money.of(30000, "KRW"),
					Instant.parse(TIME), CustomerId.of(customer)));
		}
		long requested = System.nanoTime();
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> TestSmtp.receivedBy(address).size() >= MAILS);
		long received = System.nanoTime();
		double cpuMillisPerMail = (processCpuNanos() - cpuStart) / 1e6 / MAILS;

		double requestSeconds = (requested - start) / 1e9;
		double totalSeconds = (received - start) / 1e9;
		log.info(
				"Mail throughput: {} mails requested in {} s ({} requests/s), all received after {} s ({} mails/s); "
						+ "{} ms CPU per mail (the whole test JVM: Kafka, MongoDB and SMTP included)",
				MAILS, String.format("%.2f", requestSeconds), String.format("%.0f", MAILS / requestSeconds),
				String.format("%.2f", totalSeconds), String.format("%.0f", MAILS / totalSeconds),
				String.format("%.1f", cpuMillisPerMail));
		assertThat(TestSmtp.receivedBy(address)).hasSize(MAILS);
		assertThat(orders).allSatisfy(order -> assertThat(email(order, EmailKind.PAYMENT_COMPLETED))
			.hasValueSatisfying(email -> assertThat(email.status()).isEqualTo(EmailStatus.SENT)));
	}

	/**
	 * CPU time of this JVM so far: unlike wall time, hardly changed by other processes
	 * competing for the machine.
	 */
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/**
	 * The dispatcher alone: a backlog of composed e-mails, all due at once, as after an
	 * outage or a burst of sagas.
	 */
	@Test
	void drainsABacklogOfQueuedMailsOnceEach() {
		String customer = newId();
		String address = newAddress();
		Instant now = Instant.now();
		contacts.record(new CustomerProfile(CustomerId.of(customer), "Jane Doe", address, "en"), now);
		List<Email> backlog = new ArrayList<>();
		for (int i = 0; i < MAILS; i++) {
			Email requested = Email.request(OrderId.of(UUID.randomUUID().toString()), EmailKind.ORDER_COMPLETED,
					CustomerId.of(customer), new MailFacts(Money.of(30000, "KRW"), null, null, now), "order-saga", now,
					Duration.ofMinutes(1));
			Email queued = addressing.address(requested, now);
			emails.insert(queued);
			backlog.add(queued.withVersion(0L));
		}

		long start = System.nanoTime();
		long cpuStart = processCpuNanos();
		backlog.forEach(dispatch::stored);
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> TestSmtp.receivedBy(address).size() >= MAILS);
		double seconds = (System.nanoTime() - start) / 1e9;

		double cpuMillisPerMail = (processCpuNanos() - cpuStart) / 1e6 / MAILS;
		log.info(
				"Backlog throughput: {} queued mails sent in {} s ({} mails/s); {} ms CPU per mail (the whole "
						+ "test JVM: Kafka, MongoDB and SMTP included)",
				MAILS, String.format("%.2f", seconds), String.format("%.0f", MAILS / seconds),
				String.format("%.1f", cpuMillisPerMail));
		assertThat(TestSmtp.receivedBy(address)).hasSize(MAILS);
		assertThat(backlog).allSatisfy(email -> assertThat(emails.findById(email.id()))
			.hasValueSatisfying(stored -> assertThat(stored.status()).isEqualTo(EmailStatus.SENT)));
	}

}
