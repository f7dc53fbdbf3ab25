package dev.ordersaga.support.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import dev.ordersaga.support.events.EventCodec;
import dev.ordersaga.support.testing.EmbeddedMongo;
import dev.ordersaga.support.testing.KafkaTopics;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox relay against a real broker and the embedded MongoDB: announced documents
 * are published by {@code _id}, a lapsed lease never clears a successor's, and one
 * document that cannot be sent holds up no other.
 */
@SpringBootTest(classes = OutboxRelayTest.RelayApplication.class,
		properties = { "spring.application.name=relay-test",
				"spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
				"spring.cloud.stream.kafka.binder.min-partition-count=1", "saga.outbox.collections=announced",
				// the service's own relay must not find anything by sweeping during a
				// test
				"saga.outbox.sweep-interval=1h" })
@EmbeddedKafka(partitions = 1, topics = "relay-events")
class OutboxRelayTest {

	static final String BINDING = "relay-events";

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	StreamBridge bridge;

	@Autowired
	EventCodec codec;

	@Autowired
	Outbox outbox;

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> EmbeddedMongo.uri("relay-test"));
	}

	@Test
	void publishesTheDocumentItsWriterAnnouncesWithoutWaitingForASweep() {
		String id = insert("announced", "placed");

		outbox.written("announced", id);

		await().atMost(Duration.ofSeconds(30)).until(() -> published(id) == 1);
		await().atMost(Duration.ofSeconds(10)).until(() -> pendingEntries("announced", id) == 0);
		assertThat(stored("announced", id)).doesNotContainKeys(OutboxRelay.LEASE, OutboxRelay.OWNER);
	}

	@Test
	void aRelayWhoseLeaseLapsedLeavesTheSuccessorsLeaseAndEntriesAlone() {
		String id = insert("lapsed", "placed");
		Date successorsLease = Date.from(Instant.now().plus(Duration.ofMinutes(5)));
		// while the first relay sends, its lease lapses and another replica takes over
		OutboxTracing takenOverDuringTheSend = new OutboxTracing(Tracer.NOOP, Propagator.NOOP) {
			@Override
			void continueTrace(Map<String, String> carrier, Runnable send) {
				mongo.getCollection("lapsed")
					.updateOne(new Document("_id", id), new Document("$set",
							new Document(OutboxRelay.LEASE, successorsLease).append(OutboxRelay.OWNER, "successor")));
				send.run();
			}
		};

		relay("lapsed", takenOverDuringTheSend).relayAll();

		Document after = stored("lapsed", id);
		assertThat(after.getString(OutboxRelay.OWNER)).isEqualTo("successor");
		assertThat(after.getDate(OutboxRelay.LEASE)).isEqualTo(successorsLease);
		assertThat(pendingEntries("lapsed", id)).as("left for the successor to publish and remove").isEqualTo(1);
	}

	@Test
	void aDocumentThatCannotBeSentHoldsUpNoOtherAndIsTriedAgainLater() {
		String broken = insert("mixed", "broken");
		String first = insert("mixed", "placed");
		String second = insert("mixed", "placed");
		OutboxTracing failsForOneDocument = new OutboxTracing(Tracer.NOOP, Propagator.NOOP) {
			@Override
			void continueTrace(Map<String, String> carrier, Runnable send) {
				if ("broken".equals(carrier.get("kind"))) {
					throw new IllegalStateException("record too large");
				}
				send.run();
			}
		};

		int sent = relay("mixed", failsForOneDocument).relayAll();

		assertThat(sent).isEqualTo(2);
		assertThat(published(first)).isEqualTo(1);
		assertThat(published(second)).isEqualTo(1);
		assertThat(pendingEntries("mixed", first)).isZero();
		assertThat(pendingEntries("mixed", broken)).isEqualTo(1);
		assertThat(stored("mixed", broken).getDate(OutboxRelay.LEASE)).as("its next attempt").isInTheFuture();
	}

	private OutboxRelay relay(String collection, OutboxTracing tracing) {
		// never started: the test drives its sweep
		return new OutboxRelay(mongo, bridge, codec, new OutboxProperties(List.of(collection), Duration.ofHours(1), 100,
				Duration.ofMinutes(1), Duration.ofMinutes(1)), tracing, new SimpleMeterRegistry());
	}

	/** A document with one outbox entry; {@code kind} rides in its trace headers. */
	private String insert(String collection, String kind) {
		String id = UUID.randomUUID().toString();
		OutboxEntry entry = new OutboxEntry(UUID.randomUUID().toString(), "thing." + kind + ".v1", BINDING, id,
				Instant.now(), "{\"id\":\"" + id + "\"}", Map.of("kind", kind));
		mongo.insert(outbox.attach(new Document("_id", id), List.of(entry)), collection);
		return id;
	}

	private Document stored(String collection, String id) {
		return mongo.findOne(Query.query(Criteria.where("_id").is(id)), Document.class, collection);
	}

	private int pendingEntries(String collection, String id) {
		return stored(collection, id).getList(OutboxEntry.FIELD, Document.class, List.of()).size();
	}

	private long published(String id) {
		return new KafkaTopics(broker.getBrokersAsString()).records(BINDING)
			.stream()
			.filter(record -> id.equals(record.key()))
			.count();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class RelayApplication {

	}

}
