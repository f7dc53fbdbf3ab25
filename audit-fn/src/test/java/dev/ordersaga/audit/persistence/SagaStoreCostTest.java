package dev.ordersaga.audit.persistence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.audit.AuditObserver;
import dev.ordersaga.audit.AuditProperties;
import dev.ordersaga.audit.Position;
import dev.ordersaga.audit.ReadHorizon;
import dev.ordersaga.audit.SagaAudit;
import dev.ordersaga.audit.SagaAuditing;
import dev.ordersaga.audit.SagaEvent;
import dev.ordersaga.audit.SagaIndex;
import dev.ordersaga.audit.SagaReport;
import dev.ordersaga.support.testing.EmbeddedMongo;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What recording an event costs the shared store: its saga is read and written by
 * {@code _id}, a bounded number of commands whatever number of sagas is stored, and
 * concurrent writers of one saga lose nothing. The time per event at 1 000 and at 20 000
 * stored sagas is logged (a figure, not an assertion).
 */
class SagaStoreCostTest {

	private static final Logger log = LoggerFactory.getLogger(SagaStoreCostTest.class);

	static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	static final AuditProperties PROPERTIES = new AuditProperties(Duration.ofMinutes(15), Duration.ofMinutes(1),
			Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(5), List.of(),
			List.of("order-events", "customer-events", "payment-events", "email-events"), 1000);

	final List<BsonDocument> commands = new CopyOnWriteArrayList<>();

	final AtomicBoolean listening = new AtomicBoolean();

	MongoClient client;

	MongoTemplate mongo;

	MongoSagas sagas;

	SagaAuditing auditing;

	long offset;

	@BeforeEach
	void store() {
		String database = "audit-cost-" + UUID.randomUUID();
		client = MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(EmbeddedMongo.uri(database)))
			.addCommandListener(new CommandListener() {
				@Override
				public void commandStarted(CommandStartedEvent event) {
					if (listening.get()) {
						commands.add(event.getCommand().clone());
					}
				}
			})
			.build());
		mongo = new MongoTemplate(client, database);
		AuditIndexes.SHAPES.forEach(shape -> mongo.indexOps(shape.collection()).createIndex(shape.index()));
		sagas = new MongoSagas(mongo);
		MongoAuditLog auditLog = new MongoAuditLog(mongo);
		SagaIndex index = new SagaIndex(sagas, auditLog);
		index.rebuild();
		auditing = new SagaAuditing(auditLog, sagas, index, PROPERTIES, new AuditObserver() {
		}, ReadHorizon.COMPLETE, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@AfterEach
	void close() {
		mongo.getDb().drop();
		client.close();
	}

	@Test
	void recordingAnEventReadsAndWritesItsSagaByIdOnlyHoweverManySagasAreStored() {
		store(1_000);
		double atThousand = millisPerEvent(200);
		store(20_000);
		commands.clear();
		listening.set(true);
		double atTwentyThousand = millisPerEvent(200);
		listening.set(false);

		log.info("Recording an event: {} ms at 1 000 stored sagas, {} ms at 20 000", atThousand, atTwentyThousand);
		assertThat(commands).isNotEmpty().allSatisfy(command -> {
			String name = command.getFirstKey();
			assertThat(name).isIn("find", "update", "insert");
			BsonDocument filter = switch (name) {
				case "find" -> command.getDocument("filter");
				case "update" -> command.getArray("updates").get(0).asDocument().getDocument("q");
				default -> new BsonDocument();
			};
			assertThat(filter.keySet()).as("filter of %s", command.toJson()).isSubsetOf("_id", "version");
			if (!filter.isEmpty()) {
				assertThat(filter.keySet()).contains("_id");
			}
		});
		assertThat(commands).as("commands per event").hasSizeLessThanOrEqualTo(2 * 200);
	}

	@Test
	void concurrentWritersOfOneSagaLoseNothing() throws Exception {
		String orderId = UUID.randomUUID().toString();
		ExecutorService writers = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int writer = 0; writer < 4; writer++) {
				String topic = PROPERTIES.sagaTopics().get(writer);
				done.add(writers.submit(() -> {
					for (int i = 0; i < 10; i++) {
						auditing.record(event(orderId, topic, i));
					}
				}));
			}
			for (Future<?> writer : done) {
				writer.get();
			}
		}
		finally {
			writers.shutdown();
		}

		SagaReport report = sagas.find(orderId).orElseThrow().report();
		assertThat(sagas.find(orderId).orElseThrow().events()).hasSize(40);
		assertThat(report.events()).isEqualTo(40);
	}

	/** Stores sagas of one event each, in bulk, until {@code total} are stored. */
	private void store(int total) {
		SagaAudit audit = new SagaAudit(PROPERTIES.policy());
		long stored = mongo.getCollection(SagaDocuments.SAGAS).countDocuments();
		List<Document> batch = new ArrayList<>();
		for (long n = stored; n < total; n++) {
			SagaEvent event = event(UUID.randomUUID().toString(), "order-events", 0);
			SagaReport report = audit.evaluate(event.orderId(), List.of(event), List.of(), NOW);
			Document document = new Document("_id", report.orderId()).append("version", 0L);
			document.putAll(SagaDocuments.fields(report));
			document.append(SagaDocuments.EVENT_LOG, List.of(SagaDocuments.event(event)));
			document.append(SagaDocuments.DEAD_LETTER_LOG, List.of());
			batch.add(document);
			if (batch.size() == 1_000) {
				mongo.insert(batch, SagaDocuments.SAGAS);
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			mongo.insert(batch, SagaDocuments.SAGAS);
		}
	}

	/** Records events of new orders, each then a second event of the same order. */
	private double millisPerEvent(int events) {
		long started = System.nanoTime();
		for (int i = 0; i < events / 2; i++) {
			String orderId = UUID.randomUUID().toString();
			auditing.record(event(orderId, "order-events", 0));
			auditing.record(event(orderId, "customer-events", 1));
		}
		return Math.round((System.nanoTime() - started) / 1e4 / events) / 100.0;
	}

	private SagaEvent event(String orderId, String topic, int n) {
		String type = switch (topic) {
			case "order-events" -> "order.created.v1";
			case "customer-events" -> "credit.reserved.v1";
			case "payment-events" -> "payment.processed.v1";
			default -> "email.sent.v1";
		};
		return new SagaEvent(orderId + "/" + topic + "/" + n, orderId, type, "/test", NOW.plusMillis(n),
				new Position(topic, 0, offset++), null, NOW, Map.of("createdAt", NOW.toString()), 1);
	}

}
