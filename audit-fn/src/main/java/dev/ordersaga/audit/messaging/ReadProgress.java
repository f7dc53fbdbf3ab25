package dev.ordersaga.audit.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;

import dev.ordersaga.audit.ReadHorizon;

/**
 * How far audit-fn has read each saga topic. Per partition it tracks the highest offset
 * recorded and the highest record timestamp among them; the broker's end offsets, read on
 * the lag schedule, tell whether a partition was read to its end at that moment. A
 * partition read to its end was read through the moment its end was asked for; one that
 * was not, through the latest timestamp recorded from it. A topic is read through the
 * earliest of its partitions.
 */
public class ReadProgress implements ReadHorizon {

	/**
	 * Whether the audit is behind, and by how much.
	 *
	 * @param behind some saga topic has records not read yet that are older than the
	 * clock skew, or the broker's end offsets are not known yet
	 * @param lagSeconds how far behind the oldest unread record is, in seconds ({@code 0}
	 * when every topic was read to its end); {@code null} while unknown
	 */
	public record Status(boolean behind, Double lagSeconds) {
	}

	private record Read(long offset, Instant timestamp) {
	}

	/**
	 * @param end the partition's end offset
	 * @param committed the audit group's committed offset, or -1: it is past control
	 * records (transaction markers) that no listener ever sees
	 */
	private record End(long end, long committed) {
	}

	private record Ends(Map<TopicPartition, End> partitions, Instant readAt) {
	}

	private final Collection<String> topics;

	private final Duration clockSkew;

	private final Clock clock;

	private final Map<TopicPartition, Read> reads = new ConcurrentHashMap<>();

	private volatile Ends ends;

	ReadProgress(Collection<String> topics, Duration clockSkew, Clock clock) {
		this.topics = List.copyOf(topics);
		this.clockSkew = clockSkew;
		this.clock = clock;
	}

	/** A record of the topic was recorded (or skipped as no saga event). */
	void recorded(String topic, int partition, long offset, Instant timestamp) {
		reads.merge(new TopicPartition(topic, partition), new Read(offset, timestamp),
				(a, b) -> new Read(Math.max(a.offset(), b.offset()),
						a.timestamp().isAfter(b.timestamp()) ? a.timestamp() : b.timestamp()));
	}

	/**
	 * The end offsets of every partition of the saga topics and the audit group's
	 * committed offsets, as the broker told them at {@code readAt} (asked before the
	 * answer came).
	 */
	void ends(Map<TopicPartition, Long> endOffsets, Map<TopicPartition, Long> committed, Instant readAt) {
		Map<TopicPartition, End> partitions = new HashMap<>();
		endOffsets.forEach(
				(partition, end) -> partitions.put(partition, new End(end, committed.getOrDefault(partition, -1L))));
		ends = new Ends(Map.copyOf(partitions), readAt);
	}

	Collection<String> topics() {
		return topics;
	}

	@Override
	public Instant readThrough(String topic) {
		Ends known = ends;
		if (known == null) {
			return Instant.MIN;
		}
		Instant through = null;
		for (Map.Entry<TopicPartition, End> partition : known.partitions().entrySet()) {
			if (partition.getKey().topic().equals(topic)) {
				Instant read = readThrough(partition.getKey(), partition.getValue(), known.readAt());
				through = through == null || read.isBefore(through) ? read : through;
			}
		}
		// a topic without partitions (not created yet) has nothing to read
		return through == null ? known.readAt() : through;
	}

	public Status status() {
		Ends known = ends;
		if (known == null) {
			return new Status(true, null);
		}
		Instant through = topics.stream().map(this::readThrough).min(Instant::compareTo).orElse(Instant.MIN);
		boolean caughtUp = known.partitions()
			.entrySet()
			.stream()
			.allMatch(partition -> readToEnd(partition.getKey(), partition.getValue()));
		if (caughtUp) {
			return new Status(false, 0.0);
		}
		if (through.equals(Instant.MIN)) {
			return new Status(true, null);
		}
		Duration lag = Duration.between(through, clock.instant());
		double seconds = Math.max(0, Math.round(lag.toMillis() / 100.0) / 10.0);
		return new Status(lag.compareTo(clockSkew) > 0, seconds);
	}

	private Instant readThrough(TopicPartition partition, End end, Instant readAt) {
		if (readToEnd(partition, end)) {
			return readAt;
		}
		Read read = reads.get(partition);
		return read == null ? Instant.MIN : read.timestamp();
	}

	private boolean readToEnd(TopicPartition partition, End end) {
		Read read = reads.get(partition);
		return end.end() == 0 || end.committed() >= end.end() || read != null && read.offset() + 1 >= end.end();
	}

}
