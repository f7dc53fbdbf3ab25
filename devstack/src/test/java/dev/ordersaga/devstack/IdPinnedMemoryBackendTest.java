package dev.ordersaga.devstack;

import java.util.stream.IntStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store looks a query that pins {@code _id} up in the {@code _id} index, as
 * a real MongoDB does, instead of scanning the collection, and still answers it exactly.
 */
class IdPinnedMemoryBackendTest {

	static EmbeddedMongo mongo;

	static MongoClient client;

	static MongoCollection<Document> orders;

	@BeforeAll
	static void store() {
		mongo = EmbeddedMongo.inMemory(0);
		client = MongoClients.create(mongo.uri("pinned"));
		orders = client.getDatabase("pinned").getCollection("orders");
		orders.insertMany(IntStream.range(0, 500)
			.mapToObj(i -> new Document("_id", "order-" + i).append("version", 0L).append("status", "PENDING"))
			.toList());
	}

	@AfterAll
	static void close() {
		client.close();
		mongo.close();
	}

	@Test
	void aConditionalWriteByIdReadsOneDocumentNotTheCollection() {
		long before = mongo.fullScans();

		long matched = orders
			.updateOne(Filters.and(Filters.eq("_id", "order-7"), Filters.eq("version", 0L)),
					Updates.combine(Updates.set("status", "APPROVED"), Updates.inc("version", 1L)))
			.getMatchedCount();
		long stale = orders
			.updateOne(Filters.and(Filters.eq("_id", "order-7"), Filters.eq("version", 0L)),
					Updates.set("status", "CANCELLED"))
			.getMatchedCount();
		Document claimed = orders.findOneAndUpdate(
				Filters.and(Filters.eq("_id", "order-8"), Filters.exists("lease", false)), Updates.set("lease", "me"));

		assertThat(matched).isEqualTo(1);
		assertThat(stale).as("the version moved on").isZero();
		assertThat(claimed).isNotNull();
		assertThat(orders.find(Filters.eq("_id", "order-7")).first()).containsEntry("status", "APPROVED")
			.containsEntry("version", 1L);
		assertThat(mongo.fullScans()).as("collection scans").isEqualTo(before);
	}

	@Test
	void aQueryThatDoesNotPinIdIsStillAnsweredByAScan() {
		long before = mongo.fullScans();

		long pending = orders.countDocuments(Filters.eq("status", "PENDING"));
		long inList = orders.countDocuments(Filters.in("_id", "order-1", "order-2", "nobody"));

		assertThat(pending).isBetween(400L, 500L);
		assertThat(inList).isEqualTo(2);
		assertThat(mongo.fullScans()).isGreaterThan(before);
	}

}
