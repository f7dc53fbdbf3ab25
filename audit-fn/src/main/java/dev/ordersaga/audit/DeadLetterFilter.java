package dev.ordersaga.audit;

import java.time.Instant;
import java.util.Locale;

/**
 * Which dead letters a person means. Every part is optional ({@code null}: any).
 *
 * @param topic the topic the record failed on ({@code payment-events}) or its dead-letter
 * topic ({@code payment-events.dlq})
 * @param orderId the order the record belongs to
 * @param reason a piece of the reason ({@code x-exception-message}), any case
 * @param since dead-lettered at or after this moment
 */
public record DeadLetterFilter(String topic, String orderId, String reason, Instant since) {

	private static final String DLQ_SUFFIX = ".dlq";

	public DeadLetterFilter {
		topic = blankToNull(topic);
		orderId = blankToNull(orderId);
		reason = blankToNull(reason);
	}

	/** The dead-letter topic the filter means, or {@code null}. */
	public String deadLetterTopic() {
		return topic == null ? null : topic.endsWith(DLQ_SUFFIX) ? topic : topic + DLQ_SUFFIX;
	}

	/** Whether nothing narrows it down. */
	public boolean isEmpty() {
		return topic == null && orderId == null && reason == null && since == null;
	}

	public boolean matchesReason(DeadLetter letter) {
		return reason == null || letter.reason() != null
				&& letter.reason().toLowerCase(Locale.ROOT).contains(reason.toLowerCase(Locale.ROOT));
	}

	/** The topic a dead-letter topic's records came from. */
	public static String originalTopic(String deadLetterTopic) {
		return deadLetterTopic.endsWith(DLQ_SUFFIX)
				? deadLetterTopic.substring(0, deadLetterTopic.length() - DLQ_SUFFIX.length()) : deadLetterTopic;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
