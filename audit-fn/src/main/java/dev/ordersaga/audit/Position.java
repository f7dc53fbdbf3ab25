package dev.ordersaga.audit;

import java.util.Comparator;

/**
 * Where a record sits in the log: topic, partition and offset. Two copies of one event
 * (same {@code ce_id}) have different positions.
 */
public record Position(String topic, int partition, long offset) {

	static final Comparator<Position> LOG_ORDER = Comparator.comparing(Position::topic)
		.thenComparingInt(Position::partition)
		.thenComparingLong(Position::offset);

	/** The position as one word, {@code order-events/1/42}; unique per record. */
	public String key() {
		return topic + "/" + partition + "/" + offset;
	}

	boolean samePartitionAs(Position other) {
		return topic.equals(other.topic) && partition == other.partition;
	}

	@Override
	public String toString() {
		return key();
	}
}
