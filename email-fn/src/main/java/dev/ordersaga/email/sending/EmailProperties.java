package dev.ordersaga.email.sending;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of email-fn. SMTP host, port and credentials are Spring Boot's
 * {@code spring.mail.*}; the short retries of one send are Resilience4j's
 * {@code resilience4j.retry.instances.smtp.*}.
 *
 * @param from the sender, e.g. {@code Order Saga <orders@example.com>}
 * @param messageIdDomain right-hand side of every Message-ID
 * ({@code <orderId.kind@domain>}); keep it stable, receivers recognise a resent e-mail by
 * it
 * @param timeZone the zone times are shown in inside e-mails
 * @param contactWait how long an e-mail waits for the customer's profile (or for the
 * order's customer) before it fails with {@code NO_CONTACT}
 * @param retry how long and how often an e-mail is retried while the SMTP server is
 * unavailable
 * @param dispatch the dispatcher that sends queued e-mails
 */
@ConfigurationProperties("saga.email")
public record EmailProperties(@DefaultValue("Order Saga <orders@order-saga.dev>") String from,
		@DefaultValue("order-saga") String messageIdDomain, @DefaultValue("UTC") ZoneId timeZone,
		@DefaultValue("10m") Duration contactWait, @DefaultValue Retry retry, @DefaultValue Dispatch dispatch) {

	/**
	 * Retries across sends, kept in the mail log so they survive restarts and never hold
	 * a Kafka consumer.
	 *
	 * @param budget how long after an e-mail was queued it may still be retried; the last
	 * attempt is made at its end, then the e-mail fails with {@code SMTP_UNAVAILABLE}
	 * @param initialBackoff the wait after the first unavailable send
	 * @param maxBackoff the longest wait between two sends
	 * @param multiplier growth of the wait after each further unavailable send
	 */
	public record Retry(@DefaultValue("5m") Duration budget, @DefaultValue("5s") Duration initialBackoff,
			@DefaultValue("1m") Duration maxBackoff, @DefaultValue("2.0") double multiplier) {

		/** The wait after the {@code retries + 1}st unavailable send. */
		public Duration backoff(int retries) {
			double millis = initialBackoff.toMillis() * Math.pow(multiplier, retries);
			return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
		}

		public Instant deadline(Instant queuedAt) {
			return queuedAt.plus(budget);
		}
	}

	/**
	 * @param interval how often the dispatcher sweeps the mail log for e-mails it may
	 * have lost (left by a crashed instance, timers lost with a restart), looking one
	 * interval ahead; new e-mails, retries and the end of a contact wait are handled
	 * in-process at their time, not on this timer. The sweep is the one query of the mail
	 * log by content (a scan on the embedded store), so it runs rarely
	 * @param lease how long a dispatcher owns an e-mail it is sending; longer than one
	 * send with its Resilience4j retries and SMTP timeouts. A lapsed lease (the instance
	 * died) lets another dispatcher resend it
	 * @param batchSize how many overdue e-mails one sweep takes at most
	 * @param senders how many e-mails are sent concurrently, each over its own reused
	 * SMTP connection
	 * @param queueCapacity how many due e-mails wait in memory for a sender; the ids of
	 * those beyond it wait in memory too and are offered again as senders free up
	 * @param connectionMaxIdle an SMTP connection idle for longer is closed rather than
	 * reused, before the server drops it
	 */
	public record Dispatch(@DefaultValue("5m") Duration interval, @DefaultValue("2m") Duration lease,
			@DefaultValue("500") int batchSize, @DefaultValue("4") int senders,
			@DefaultValue("10000") int queueCapacity, @DefaultValue("30s") Duration connectionMaxIdle) {
	}
}
