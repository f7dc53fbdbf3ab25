package dev.ordersaga.audit.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How far the audit has read: per partition, then the earliest partition of a topic. */
class ReadProgressTest {

	static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	static final TopicPartition ORDERS_0 = new TopicPartition("order-events", 0);

	static final TopicPartition ORDERS_1 = new TopicPartition("order-events", 1);

	static final TopicPartition CUSTOMERS_0 = new TopicPartition("customer-events", 0);

	final ReadProgress progress = new ReadProgress(List.of("order-events", "customer-events"), Duration.ofSeconds(2),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void knowsNothingBeforeTheBrokerToldTheEnds() {
		progress.recorded("order-events", 0, 5, NOW);

		assertThat(progress.readThrough("order-events")).isEqualTo(Instant.MIN);
		assertThat(progress.status()).isEqualTo(new ReadProgress.Status(true, null));
	}

	@Test
	void aTopicReadToItsEndIsReadThroughTheMomentTheEndsWereAskedFor() {
		progress.recorded("order-events", 0, 9, NOW.minusSeconds(60));
		progress.recorded("customer-events", 0, 3, NOW.minusSeconds(60));

		progress.ends(Map.of(ORDERS_0, 10L, ORDERS_1, 0L, CUSTOMERS_0, 4L), Map.of(), NOW.minusSeconds(1));

		assertThat(progress.readThrough("order-events")).isEqualTo(NOW.minusSeconds(1));
		assertThat(progress.status()).isEqualTo(new ReadProgress.Status(false, 0.0));
	}

	@Test
	void aPartitionWithUnreadRecordsHoldsItsTopicAtTheLatestRecordRead() {
		progress.recorded("order-events", 0, 9, NOW.minusSeconds(30));
		progress.recorded("order-events", 1, 4, NOW.minusSeconds(5));
		progress.recorded("customer-events", 0, 3, NOW.minusSeconds(1));

		progress.ends(Map.of(ORDERS_0, 500L, ORDERS_1, 5L, CUSTOMERS_0, 4L), Map.of(), NOW);

		assertThat(progress.readThrough("order-events")).isEqualTo(NOW.minusSeconds(30));
		assertThat(progress.readThrough("customer-events")).isEqualTo(NOW);
		assertThat(progress.status()).isEqualTo(new ReadProgress.Status(true, 30.0));
	}

	@Test
	void aPartitionNeverReadWhoseRecordsWaitIsNotReadAtAll() {
		progress.ends(Map.of(ORDERS_0, 3L, ORDERS_1, 0L, CUSTOMERS_0, 0L), Map.of(), NOW);

		assertThat(progress.readThrough("order-events")).isEqualTo(Instant.MIN);
		assertThat(progress.readThrough("customer-events")).isEqualTo(NOW);
		assertThat(progress.status().behind()).isTrue();
	}

	@Test
	void theGroupsCommittedOffsetCoversRecordsNoListenerSees() {
		progress.ends(Map.of(ORDERS_0, 12L, ORDERS_1, 0L, CUSTOMERS_0, 0L), Map.of(ORDERS_0, 12L), NOW);

		assertThat(progress.readThrough("order-events")).isEqualTo(NOW);
	}

	@Test
	void aLagWithinTheClockSkewIsNotBehind() {
		progress.recorded("order-events", 0, 9, NOW.minusMillis(1500));

		progress.ends(Map.of(ORDERS_0, 11L, ORDERS_1, 0L, CUSTOMERS_0, 0L), Map.of(), NOW);

		assertThat(progress.status()).isEqualTo(new ReadProgress.Status(false, 1.5));
	}

}
