package dev.ordersaga.support.testing;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * One in-memory MongoDB wire-protocol server per test JVM, spoken to through the real
 * MongoDB driver. Shared by all test classes of a module so that Spring's test-context
 * cache stays effective.
 */
public final class EmbeddedMongo {

	private static final MongoServer SERVER = start();

	private EmbeddedMongo() {
	}

	/** The connection string of the shared server for {@code database}. */
	public static String uri(String database) {
		InetSocketAddress address = SERVER.getLocalAddress();
		return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
	}

	private static MongoServer start() {
		MongoServer server = new MongoServer(new MemoryBackend());
		server.bind("127.0.0.1", 0);
		Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "embedded-mongo-stop"));
		return server;
	}

}
