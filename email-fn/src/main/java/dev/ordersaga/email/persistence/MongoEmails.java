package dev.ordersaga.email.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;

import dev.ordersaga.email.CustomerId;
import dev.ordersaga.email.OrderId;
import dev.ordersaga.email.messaging.EmailEventTypes;
import dev.ordersaga.email.sending.Email;
import dev.ordersaga.email.sending.EmailKind;
import dev.ordersaga.email.sending.EmailProperties;
import dev.ordersaga.email.sending.EmailStatus;
import dev.ordersaga.email.sending.Emails;
import dev.ordersaga.support.mongo.StoreIndexes;
import dev.ordersaga.support.outbox.Outbox;
import dev.ordersaga.support.outbox.OutboxEntry;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The mail log in MongoDB. Each entry and its outbox go in one write: an insert for a
 * request, a version-conditional update for a step, a status-conditional push for a
 * re-announcement; the relay publishes the outbox once the write returned. A plain
 * adapter rather than a Spring Data repository fragment: fragment implementations are
 * only found in the package of their interface, which here is the domain's.
 */
@Repository
class MongoEmails implements Emails {

	static final String COLLECTION = "emails";

	/**
	 * Which e-mails wait for a customer's contact: {@code _id} = customer id, ids in
	 * {@value #WAIT_EMAILS}; entries of customers whose profile never came expire.
	 */
	static final String WAITS = "email_contact_waits";

	static final String WAIT_EMAILS = "emails";

	static final String WAIT_SINCE = "since";

	private final MongoTemplate mongo;

	private static final String TRACE = "trace";

	private final Outbox outbox;

	/**
	 * Every stored field of an e-mail: a step sets those it has and unsets the others
	 * (e.g. a lapsed lease).
	 */
	private final List<String> fields = new ArrayList<>();

	MongoEmails(MongoTemplate mongo, Outbox outbox, EmailProperties properties, StoreIndexes indexes) {
		this.mongo = mongo;
		this.outbox = outbox;
		// an entry outlives the waits it records, which end after contact-wait; created
		// once the store answers
		indexes.ensure(WAITS, new Index().on(WAIT_SINCE, Sort.Direction.ASC)
			.expire(properties.contactWait().plus(Duration.ofHours(1))));
		mongo.getConverter()
			.getMappingContext()
			.getRequiredPersistentEntity(Email.class)
			.doWithProperties((MongoPersistentProperty property) -> fields.add(property.getFieldName()));
	}

	@Override
	public Optional<Email> findById(String id) {
		return Optional.ofNullable(mongo.findById(id, Email.class, COLLECTION));
	}

	/**
	 * By the ids the order's e-mails would have, one for each kind: a query by
	 * {@code _id} alone, which every store answers from its primary index (the embedded
	 * one too, {@code $in} included), instead of a query by {@code orderId}.
	 */
	@Override
	public List<Email> findByOrderId(OrderId orderId) {
		List<String> ids = Arrays.stream(EmailKind.values()).map(kind -> Email.idOf(orderId, kind)).toList();
		return mongo.find(Query.query(Criteria.where("_id").in(ids)), Email.class, COLLECTION);
	}

	/**
	 * From the customer's entry in {@value #WAITS}, taken out as it is read: a lookup by
	 * {@code _id} instead of a query on the mail log for every profile. Whoever stores an
	 * e-mail waiting for this customer's contact afterwards puts it there again.
	 */
	@Override
	public List<Email> findWaitingForCustomer(CustomerId customerId) {
		Document waits = mongo.findAndRemove(Query.query(Criteria.where("_id").is(customerId.toString())),
				Document.class, WAITS);
		List<String> ids = waits == null ? List.of() : waits.getList(WAIT_EMAILS, String.class, List.of());
		if (ids.isEmpty()) {
			return List.of();
		}
		return mongo.find(Query.query(Criteria.where("_id").in(ids)), Email.class, COLLECTION)
			.stream()
			.filter(email -> email.status() == EmailStatus.WAITING_FOR_CONTACT && customerId.equals(email.customerId()))
			.toList();
	}

	/**
	 * Notes that the e-mail waits for its customer's contact; the profile consumer finds
	 * it there ({@link #findWaitingForCustomer}).
	 */
	private void noteWaiting(Email email) {
		if (email.status() == EmailStatus.WAITING_FOR_CONTACT && email.customerId() != null) {
			mongo.upsert(Query.query(Criteria.where("_id").is(email.customerId().toString())),
					new Update().addToSet(WAIT_EMAILS, email.id()).set(WAIT_SINCE, new Date()), WAITS);
		}
	}

	/** By the ids the order's e-mails would have ({@link #findByOrderId}). */
	@Override
	public List<Email> findWaitingForOrder(OrderId orderId) {
		return findByOrderId(orderId).stream()
			.filter(email -> email.status() == EmailStatus.WAITING_FOR_CONTACT)
			.toList();
	}

	@Override
	public List<Email> findOverdue(Instant by, int limit) {
		Date at = Date.from(by);
		Query overdue = new Query(new Criteria().orOperator(
				Criteria.where("status").is(EmailStatus.QUEUED.name()).and("nextAttemptAt").lte(at),
				Criteria.where("status").is(EmailStatus.SENDING.name()).and("leaseUntil").lt(at),
				Criteria.where("status").is(EmailStatus.WAITING_FOR_CONTACT.name()).and("waitUntil").lte(at)))
			.limit(limit);
		return mongo.find(overdue, Email.class, COLLECTION);
	}

	@Override
	public void insert(Email email) {
		List<OutboxEntry> entries = entries(email, outbox.currentTrace());
		Document document = toDocument(email.withVersion(0L));
		// the trace of the event that asked for the mail, so that its outcome, decided
		// later on the dispatcher's thread, is published in the same trace
		document.put(TRACE, new Document(outbox.currentTrace()));
		mongo.insert(outbox.attach(document, entries), COLLECTION);
		signal(document.get("_id"), entries);
		noteWaiting(email);
	}

	@Override
	public boolean update(Email current, Email next) {
		Document document = toDocument(next.withVersion(current.version() + 1));
		Update update = new Update();
		for (String field : fields) {
			if (!"_id".equals(field)) {
				if (document.containsKey(field)) {
					update.set(field, document.get(field));
				}
				else {
					update.unset(field);
				}
			}
		}
		List<OutboxEntry> entries = current.status().isFinal() || next.outcome().isEmpty() ? List.of()
				: entries(next, trace(current));
		Query unchanged = Query.query(Criteria.where("_id").is(current.id()).and("version").is(current.version()));
		boolean updated = mongo.updateFirst(unchanged, outbox.append(update, entries), COLLECTION)
			.getModifiedCount() == 1;
		if (updated) {
			signal(current.id(), entries);
			noteWaiting(next);
		}
		return updated;
	}

	@Override
	public void announceAgain(Email email) {
		List<OutboxEntry> entries = entries(email, outbox.currentTrace());
		if (entries.isEmpty()) {
			throw new IllegalArgumentException("E-mail " + email.id() + " has no outcome to announce yet");
		}
		// a final entry changes no more: its version pins it as its status would
		Query unchanged = Query.query(Criteria.where("_id").is(email.id()).and("version").is(email.version()));
		mongo.updateFirst(unchanged, outbox.append(new Update(), entries), COLLECTION);
		signal(email.id(), entries);
	}

	@Override
	public Optional<Email> claim(Email due, Instant leaseUntil) {
		Email claimed = due.claim(leaseUntil);
		return update(due, claimed) ? Optional.of(claimed.withVersion(due.version() + 1)) : Optional.empty();
	}

	private Document toDocument(Email email) {
		Document document = new Document();
		mongo.getConverter().write(email, document);
		document.remove("_class");
		return document;
	}

	private List<OutboxEntry> entries(Email email, Map<String, String> trace) {
		return email.outcome()
			.map(event -> List
				.of(outbox.entry(EmailEventTypes.EMAIL_EVENTS_BINDING, EmailEventTypes.outgoing(event), trace)))
			.orElse(List.of());
	}

	/** The trace propagation headers stored with the mail when it was requested. */
	private Map<String, String> trace(Email email) {
		return trace(email.id());
	}

	/**
	 * The trace propagation headers stored with e-mail {@code id} when it was requested;
	 * empty when there were none.
	 */
	Map<String, String> trace(String id) {
		Query byId = Query.query(Criteria.where("_id").is(id));
		byId.fields().include(TRACE);
		Document stored = mongo.findOne(byId, Document.class, COLLECTION);
		Document trace = stored == null ? null : stored.get(TRACE, Document.class);
		Map<String, String> carrier = new HashMap<>();
		if (trace != null) {
			trace.forEach((name, value) -> carrier.put(name, String.valueOf(value)));
		}
		return carrier;
	}

	private void signal(Object id, List<OutboxEntry> entries) {
		if (!entries.isEmpty()) {
			outbox.written(COLLECTION, id);
		}
	}

}
