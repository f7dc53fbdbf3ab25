package dev.ordersaga.audit;

import java.time.Instant;

/**
 * A record that backs a finding, named so that an operator can find it on the broker.
 *
 * @param eventId {@code ce_id} (for a dead letter without one: its position)
 * @param type {@code ce_type}
 * @param topic topic the record was read from
 * @param partition its partition
 * @param offset its offset
 * @param time when it happened
 * @param note extra words, e.g. why a record was dead-lettered; may be {@code null}
 */
public record Evidence(String eventId, String type, String topic, int partition, long offset, Instant time,
		String note) {
}
