package dev.ordersaga.devstack;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

/**
 * mongo-java-server's in-memory store, planning a query that pins {@code _id} the way a
 * real MongoDB does: look the document up in the {@code _id} index, then check the rest
 * of the query on it. mongo-java-server uses an index only when the query's fields are
 * exactly the index's, so a version-conditional update ({@code {_id, version}}), a lease
 * claim or any other conditional write by id scanned the whole collection under its lock,
 * and the services' cost grew with the data stored. Counts the full scans it still does
 * ({@link #fullScans()}), for tests and diagnostics.
 */
class IdPinnedMemoryBackend extends MemoryBackend {

	private static final String ID = "_id";

	private final AtomicLong fullScans = new AtomicLong();

	@Override
	public MemoryDatabase openOrCreateDatabase(String databaseName) {
		return new IdPinnedDatabase(databaseName, getCursorRegistry(), fullScans);
	}

	/** Queries answered by reading every document of a collection, since start. */
	long fullScans() {
		return fullScans.get();
	}

	private static final class IdPinnedDatabase extends MemoryDatabase {

		private final AtomicLong fullScans;

		IdPinnedDatabase(String name, CursorRegistry cursors, AtomicLong fullScans) {
			super(name, cursors);
			this.fullScans = fullScans;
		}

		@Override
		protected MemoryCollection openOrCreateCollection(String name, CollectionOptions options) {
			return new IdPinnedCollection(this, name, options, cursorRegistry, fullScans);
		}

	}

	private static final class IdPinnedCollection extends MemoryCollection {

		private final AtomicLong fullScans;

		IdPinnedCollection(MemoryDatabase database, String name, CollectionOptions options, CursorRegistry cursors,
				AtomicLong fullScans) {
			super(database, name, options, cursors);
			this.fullScans = fullScans;
		}

		@Override
		protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
				int batchSize, Document fieldSelector) {
			Object id = pinnedId(query);
			if (id != null && !(query.size() == 1 && query.containsKey(ID))) {
				for (Index<Integer> index : getIndexes()) {
					Document byId = new Document(ID, id);
					if (index.canHandle(byId)) {
						// the rest of the query is matched on the one candidate
						return matchDocuments(query, index.getPositions(byId), orderBy, numberToSkip, limit, batchSize,
								fieldSelector);
					}
				}
			}
			return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
		}

		@Override
		protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int numberToReturn,
				int batchSize, Document fieldSelector) {
			fullScans.incrementAndGet();
			return super.matchDocuments(query, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
		}

		/**
		 * The {@code _id} the query requires by equality, at its top level or in an
		 * {@code $and} clause; {@code null} if none.
		 */
		private static Object pinnedId(Document query) {
			Object id = query.get(ID);
			if (isPlainValue(id)) {
				return id;
			}
			if (query.get("$and") instanceof List<?> clauses) {
				for (Object clause : clauses) {
					if (clause instanceof Document document) {
						Object pinned = pinnedId(document);
						if (pinned != null) {
							return pinned;
						}
					}
				}
			}
			return null;
		}

		/**
		 * A value compared by equality, not an operator expression such as {@code $in}.
		 */
		private static boolean isPlainValue(Object value) {
			if (value == null) {
				return false;
			}
			return !(value instanceof Document document)
					|| document.keySet().stream().noneMatch(k -> k.startsWith("$"));
		}

	}

}
