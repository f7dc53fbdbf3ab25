package dev.ordersaga.audit.persistence;

import java.util.List;

import dev.ordersaga.support.mongo.StoreIndexes;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Every query shape audit-fn issues, and the index that serves it on a real MongoDB,
 * created at start-up if missing. Recording an event reads and writes its saga by
 * {@code _id} (the write also by {@code version}), a dead letter is inserted by
 * {@code _id}. The start-up rebuild of the in-memory overview reads {@code sagas} and
 * {@code deadLetters} once from end to end, which needs no index. Nothing reads by any
 * other field on a hot path or on a schedule. The indexes are declared to fn-support's
 * {@link StoreIndexes}, which creates them once the store answers.
 */
@Component
class AuditIndexes implements InitializingBean {

	/**
	 * A query shape and its index.
	 *
	 * @param query the filter and sort, as issued
	 * @param collection where
	 * @param index the index serving it
	 */
	record Shape(String query, String collection, Index index) {
	}

	/**
	 * The conditional write of a saga, the shapes of {@code GET /sagas}
	 * ({@link SagaQueries#sagas}), newest first, and those of {@code GET /dead-letters}.
	 */
	static final List<Shape> SHAPES = List.of(
			// a real MongoDB serves it by _id alone; the embedded store uses an index
			// only
			// when its keys equal the filter's fields, and a unique one only, so without
			// this index every write of a saga would scan the collection
			new Shape("{_id, version} (update)", SagaDocuments.SAGAS,
					new Index().on("_id", Sort.Direction.ASC).on("version", Sort.Direction.ASC).unique()),
			new Shape("{state} sort {lastEventAt: -1, _id: 1}", SagaDocuments.SAGAS,
					new Index().on("state", Sort.Direction.ASC)
						.on("lastEventAt", Sort.Direction.DESC)
						.on("_id", Sort.Direction.ASC)),
			new Shape("{rules} sort {lastEventAt: -1, _id: 1}", SagaDocuments.SAGAS,
					new Index().on("rules", Sort.Direction.ASC)
						.on("lastEventAt", Sort.Direction.DESC)
						.on("_id", Sort.Direction.ASC)),
			new Shape("{verdict} sort {lastEventAt: -1, _id: 1}", SagaDocuments.SAGAS,
					new Index().on("verdict", Sort.Direction.ASC)
						.on("lastEventAt", Sort.Direction.DESC)
						.on("_id", Sort.Direction.ASC)),
			new Shape("{lastEventAt: {$gte}} or {} sort {lastEventAt: -1, _id: 1}", SagaDocuments.SAGAS,
					new Index().on("lastEventAt", Sort.Direction.DESC).on("_id", Sort.Direction.ASC)),
			// GET /dead-letters and the bulk replay (DeadLetterQueries,
			// MongoDeadLetterStore#open):
			// by topic, by order or by time, each optionally since a time, sorted by time
			// either way; a dead letter's actions are read and written by _id
			new Shape("{topic[, time: {$gte}]} sort {time: -1|1, _id}", MongoAuditLog.DEAD_LETTERS,
					new Index().on("topic", Sort.Direction.ASC)
						.on("time", Sort.Direction.DESC)
						.on("_id", Sort.Direction.ASC)),
			new Shape("{orderId[, topic][, time: {$gte}]} sort {time: -1|1, _id}", MongoAuditLog.DEAD_LETTERS,
					new Index().on("orderId", Sort.Direction.ASC)
						.on("time", Sort.Direction.DESC)
						.on("_id", Sort.Direction.ASC)),
			new Shape("{time: {$gte}} or {} sort {time: -1|1, _id}", MongoAuditLog.DEAD_LETTERS,
					new Index().on("time", Sort.Direction.DESC).on("_id", Sort.Direction.ASC)));

	private final StoreIndexes indexes;

	AuditIndexes(StoreIndexes indexes) {
		this.indexes = indexes;
	}

	@Override
	public void afterPropertiesSet() {
		SHAPES.forEach(shape -> indexes.ensure(shape.collection(), shape.index()));
	}

}
