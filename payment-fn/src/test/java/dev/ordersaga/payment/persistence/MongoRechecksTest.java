package dev.ordersaga.payment.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ordersaga.payment.OrderId;
import dev.ordersaga.support.mongo.StoreIndexes;
import dev.ordersaga.payment.Rechecks.Recheck;
import dev.ordersaga.support.testing.EmbeddedMongo;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The re-checks on the embedded MongoDB: looking for due ones reads this process's
 * in-memory list and claims by {@code _id}; only the sweep (first look, then once per
 * lease) queries by {@code due}, and it is how re-checks of another replica are found.
 */
class MongoRechecksTest {

	private static final Duration LEASE = Duration.ofMinutes(1);

	private static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");

	private static final AtomicInteger FINDS = new AtomicInteger();

	private static MongoClient client;

	private MongoTemplate mongo;

	@BeforeAll
	static void connect() {
		CommandListener countFinds = new CommandListener() {
			@Override
			public void commandStarted(CommandStartedEvent event) {
				if ("find".equals(event.getCommandName())
						&& MongoRechecks.COLLECTION.equals(event.getCommand().getString("find").getValue())) {
					FINDS.incrementAndGet();
				}
			}
		};
		client = MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(EmbeddedMongo.uri("payment-rechecks-test")))
			.addCommandListener(countFinds)
			.build());
	}

	@BeforeEach
	void ownDatabase() {
		mongo = new MongoTemplate(client, "payment-rechecks-" + UUID.randomUUID());
	}

	@AfterAll
	static void close() {
		client.close();
	}

	@Test
	void claimsDueRechecksByIdWithoutQueryingBetweenSweeps() {
		MongoRechecks rechecks = replica();
		OrderId due = newOrder();
		OrderId later = newOrder();
		rechecks.schedule(due, 0, T0);
		rechecks.schedule(later, 1, T0.plusSeconds(30));

		assertThat(rechecks.claimDue(T0, LEASE, 10)).containsExactly(new Recheck(due, 0));
		int findsAfterFirstLook = FINDS.get();
		assertThat(rechecks.claimDue(T0.plusSeconds(1), LEASE, 10)).as("claimed until the lease ends").isEmpty();
		assertThat(rechecks.claimDue(T0.plusSeconds(30), LEASE, 10)).containsExactly(new Recheck(later, 1));
		assertThat(FINDS.get()).as("queries between sweeps").isEqualTo(findsAfterFirstLook);

		assertThat(rechecks.claimDue(T0.plus(LEASE), LEASE, 10))
			.as("neither rescheduled nor removed: due again when its lease ends")
			.containsExactly(new Recheck(due, 0));
		rechecks.remove(later);
		assertThat(rechecks.claimDue(T0.plus(LEASE).plusSeconds(30), LEASE, 10)).as("removed").isEmpty();
	}

	@Test
	void aRescheduledRecheckIsDueAtItsNewTimeOnly() {
		MongoRechecks rechecks = replica();
		OrderId order = newOrder();
		rechecks.schedule(order, 0, T0);
		assertThat(rechecks.claimDue(T0, LEASE, 10)).containsExactly(new Recheck(order, 0));

		rechecks.schedule(order, 1, T0.plusSeconds(10));

		assertThat(rechecks.claimDue(T0.plusSeconds(9), LEASE, 10)).isEmpty();
		assertThat(rechecks.claimDue(T0.plusSeconds(10), LEASE, 10)).containsExactly(new Recheck(order, 1));
		assertThat(rechecks.claimDue(T0.plus(LEASE), LEASE, 10)).as("the first claim's lease is stale").isEmpty();
	}

	@Test
	void theSweepFindsRechecksOfAnotherReplicaAndOnlyOneReplicaClaimsEach() {
		MongoRechecks first = replica();
		MongoRechecks second = replica();
		assertThat(first.claimDue(T0, LEASE, 10)).isEmpty();
		// left by a replica that died after storing it
		OrderId orphan = newOrder();
		mongo.insert(new Document("_id", orphan.toString()).append("attempt", 2)
			.append(MongoRechecks.DUE, Date.from(T0.plusSeconds(5))), MongoRechecks.COLLECTION);

		List<Recheck> bySecond = second.claimDue(T0.plusSeconds(5), LEASE, 10);
		List<Recheck> byFirst = first.claimDue(T0.plus(LEASE), LEASE, 10);

		assertThat(bySecond).as("found by the second replica's first sweep").containsExactly(new Recheck(orphan, 2));
		assertThat(byFirst)
			.as("found by the first replica's next sweep, but claimed by the second until its lease ends")
			.isEmpty();
		assertThat(first.claimDue(T0.plusSeconds(5).plus(LEASE), LEASE, 10)).as("the second replica's lease ended")
			.containsExactly(new Recheck(orphan, 2));
	}

	@Test
	void takesAtMostTheLimitAndKeepsTheRestForTheNextLook() {
		MongoRechecks rechecks = replica();
		for (int i = 0; i < 5; i++) {
			rechecks.schedule(newOrder(), 0, T0.plusMillis(i));
		}

		assertThat(rechecks.claimDue(T0.plusSeconds(1), LEASE, 3)).hasSize(3);
		assertThat(rechecks.claimDue(T0.plusSeconds(1), LEASE, 3)).hasSize(2);
	}

	/** Another replica, on this test's database. */
	private MongoRechecks replica() {
		MongoRechecks rechecks = new MongoRechecks(mongo, new StoreIndexes(mongo));
		rechecks.afterPropertiesSet();
		return rechecks;
	}

	private static OrderId newOrder() {
		return new OrderId(UUID.randomUUID());
	}

}
