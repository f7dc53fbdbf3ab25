package dev.ordersaga.audit.persistence;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** The indexes every query of the audit relies on, created at start-up if missing. */
@Component
class AuditIndexes implements InitializingBean {

	private final MongoTemplate mongo;

	AuditIndexes(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterPropertiesSet() {
		mongo.indexOps(MongoAuditLog.EVENTS).createIndex(new Index().on("orderId", Sort.Direction.ASC));
		mongo.indexOps(MongoAuditLog.DEAD_LETTERS).createIndex(new Index().on("orderId", Sort.Direction.ASC));
		mongo.indexOps(MongoAuditLog.DEAD_LETTERS).createIndex(new Index().on("topic", Sort.Direction.ASC));
		var sagas = mongo.indexOps(SagaDocuments.SAGAS);
		sagas.createIndex(new Index().on("state", Sort.Direction.ASC).on("lastEventAt", Sort.Direction.DESC));
		sagas.createIndex(new Index().on("rules", Sort.Direction.ASC).on("lastEventAt", Sort.Direction.DESC));
		sagas.createIndex(new Index().on("lastEventAt", Sort.Direction.DESC));
		sagas.createIndex(new Index().on("nextCheckAt", Sort.Direction.ASC).sparse());
		sagas.createIndex(new Index().on("stuck", Sort.Direction.ASC).on("deadline", Sort.Direction.ASC));
		sagas.createIndex(new Index().on("terminalAt", Sort.Direction.DESC));
	}

}
