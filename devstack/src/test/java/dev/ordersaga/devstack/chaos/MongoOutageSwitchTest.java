package dev.ordersaga.devstack.chaos;

import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import dev.ordersaga.devstack.EmbeddedMongo;
import dev.ordersaga.devstack.Ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The MongoDB outage switch the fault suite uses: connections refused, data kept. */
class MongoOutageSwitchTest {

	@Test
	void refusedConnectionsComeBackOnTheSamePortWithTheSameData() {
		try (EmbeddedMongo mongo = EmbeddedMongo.inMemory(0)) {
			MongoClientSettings settings = MongoClientSettings.builder()
				.applyConnectionString(new ConnectionString(mongo.uri("chaos")))
				.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS))
				.applyToSocketSettings(socket -> socket.connectTimeout(1, TimeUnit.SECONDS))
				.build();
			try (MongoClient client = MongoClients.create(settings)) {
				MongoCollection<Document> orders = client.getDatabase("chaos").getCollection("orders");
				orders.insertOne(new Document("_id", "o-1"));

				mongo.refuseConnections();

				assertThat(Ports.isListening(mongo.port())).isFalse();
				assertThatExceptionOfType(MongoException.class).isThrownBy(() -> orders.find().first());

				mongo.acceptConnections();

				assertThat(Ports.isListening(mongo.port())).isTrue();
				assertThat(orders.find(new Document("_id", "o-1")).first()).isNotNull();
			}
		}
	}

}
