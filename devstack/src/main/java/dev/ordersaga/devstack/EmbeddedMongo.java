package dev.ordersaga.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB wire-protocol server (mongo-java-server) in this JVM, reached by the services
 * through the real MongoDB driver. Either in memory (tests) or backed by an H2 MVStore
 * file (local run: data survives a restart).
 */
public final class EmbeddedMongo implements AutoCloseable {

	public static final String NAME = "mongodb";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

	private final MongoBackend backend;

	private volatile MongoServer server;

	private final int port;

	private final Path file;

	private EmbeddedMongo(MongoBackend backend, int port, Path file) {
		if (port != 0) {
			Ports.requireFree(port, NAME);
		}
		this.backend = backend;
		this.server = new MongoServer(unclosable(backend));
		this.server.bind("127.0.0.1", port);
		this.port = server.getLocalAddress().getPort();
		this.file = file;
	}

	/** Data in memory, gone when the JVM ends. Port 0 picks a free one. */
	public static EmbeddedMongo inMemory(int port) {
		EmbeddedMongo mongo = new EmbeddedMongo(new HelloMemoryBackend(), port, null);
		log.info("MongoDB (in memory) listening on port {}", mongo.port);
		return mongo;
	}

	/**
	 * Data in the H2 MVStore file {@code file}, created on first use and reopened by
	 * later runs.
	 */
	public static EmbeddedMongo fileBacked(Path file, int port) {
		Path absolute = file.toAbsolutePath();
		try {
			Files.createDirectories(absolute.getParent());
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot create " + absolute.getParent(), e);
		}
		EmbeddedMongo mongo = new EmbeddedMongo(new HelloH2Backend(absolute.toString()), port, absolute);
		log.info("MongoDB (file {}) listening on port {}", absolute, mongo.port);
		return mongo;
	}

	public int port() {
		return port;
	}

	/**
	 * Connection string for one service's database, e.g.
	 * {@code mongodb://localhost:27017/order-fn}.
	 */
	public String uri(String database) {
		return "mongodb://localhost:" + port + "/" + database;
	}

	/**
	 * How many queries the in-memory store answered by reading a whole collection (see
	 * {@link IdPinnedMemoryBackend}); 0 for the file store, which does not count.
	 */
	public long fullScans() {
		return backend instanceof IdPinnedMemoryBackend memory ? memory.fullScans() : 0;
	}

	/** Where the data lives, or a description of the in-memory store. */
	public String storage() {
		return file == null ? "in memory" : file.toString();
	}

	/**
	 * A MongoDB outage: closes every client connection and the listening socket, so that
	 * connecting is refused, while the data stays (the backend is kept open). Undone by
	 * {@link #acceptConnections()}.
	 */
	public synchronized void refuseConnections() {
		server.shutdownNow();
		log.info("MongoDB on port {} refuses connections", port);
	}

	/**
	 * Ends an outage begun by {@link #refuseConnections()}: listens on the same port
	 * again, with the same data.
	 */
	public synchronized void acceptConnections() {
		MongoServer restarted = new MongoServer(unclosable(backend));
		restarted.bind("127.0.0.1", port);
		server = restarted;
		log.info("MongoDB accepts connections on port {} again", port);
	}

	/**
	 * The backend as the server sees it: the server's shutdown closes its backend (which
	 * drops in-memory data), but only {@link #close()} may, so that an outage keeps the
	 * data.
	 */
	private static MongoBackend unclosable(MongoBackend backend) {
		return (MongoBackend) Proxy.newProxyInstance(MongoBackend.class.getClassLoader(),
				new Class<?>[] { MongoBackend.class }, (proxy, method, arguments) -> {
					if ("close".equals(method.getName()) && method.getParameterCount() == 0) {
						return null;
					}
					try {
						return method.invoke(backend, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	/** Closes client connections and, for the file store, commits and closes the file. */
	@Override
	public synchronized void close() {
		server.shutdownNow();
		// the server never closes the backend (unclosable); closing it commits and closes
		// the H2 file
		backend.close();
	}

	/**
	 * mongo-java-server 1.47 knows the legacy {@code isMaster} but not its successor
	 * {@code hello}, which Spring Boot's MongoDB health indicator (part of every
	 * service's readiness group) sends; answer it the same way.
	 */
	private static Document answerHello(String command, CommandHandler handler) {
		if (!"hello".equalsIgnoreCase(command)) {
			return handler.handle(command);
		}
		Document answer = handler.handle("isMaster");
		answer.put("isWritablePrimary", Boolean.TRUE);
		return answer;
	}

	@FunctionalInterface
	private interface CommandHandler {

		Document handle(String command);

	}

	private static final class HelloMemoryBackend extends IdPinnedMemoryBackend {

		@Override
		public Document handleCommand(Channel channel, String database, String command, Document query) {
			return answerHello(command, name -> super.handleCommand(channel, database, name, query));
		}

	}

	private static final class HelloH2Backend extends H2Backend {

		HelloH2Backend(String fileName) {
			super(fileName);
		}

		@Override
		public Document handleCommand(Channel channel, String database, String command, Document query) {
			return answerHello(command, name -> super.handleCommand(channel, database, name, query));
		}

	}

}
