package dev.ordersaga.support.testing;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

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

	/**
	 * A server of its own listening on {@code port} of the loopback interface, for a test
	 * that starts a service before its store; the caller shuts it down.
	 */
	public static MongoServer serve(int port) {
		MongoServer server = new MongoServer(new HelloAnsweringBackend());
		server.bind("127.0.0.1", port);
		return server;
	}

	/**
	 * Answers {@code hello}, the handshake real MongoDB (4.4+) and Spring Boot's health
	 * check use, like the {@code isMaster} the server already knows.
	 */
	static final class HelloAnsweringBackend extends MemoryBackend {

		@Override
		public Document handleCommand(Channel channel, String database, String command, Document query) {
			if ("hello".equalsIgnoreCase(command)) {
				Document reply = super.handleCommand(channel, database, "isMaster", query);
				reply.put("isWritablePrimary", Boolean.TRUE);
				return reply;
			}
			return super.handleCommand(channel, database, command, query);
		}

	}

	private static MongoServer start() {
		MongoServer server = new MongoServer(new HelloAnsweringBackend());
		server.bind("127.0.0.1", 0);
		Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "embedded-mongo-stop"));
		return server;
	}

}
