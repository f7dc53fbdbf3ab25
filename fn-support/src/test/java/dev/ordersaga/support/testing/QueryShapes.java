package dev.ordersaga.support.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import dev.ordersaga.support.mongo.QueryShape;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.index.IndexDefinition;

/**
 * Records the shape of every query a service sends to MongoDB (collection, filtered
 * fields, sort), so that a test can check each against the service's list of
 * {@link QueryShape}s and the indexes it declares. Import {@link Recording} into a test
 * context to record.
 */
public final class QueryShapes implements CommandListener {

	/** Every shape recorded in this JVM, with the command that issued it first. */
	private static final Map<Recorded, String> RECORDED = new ConcurrentHashMap<>();

	/** A query as it was issued. */
	public record Recorded(String collection, Set<String> filter, List<String> sort) {
	}

	@Override
	public void commandStarted(CommandStartedEvent event) {
		BsonDocument command = event.getCommand();
		String name = event.getCommandName();
		switch (name) {
			case "find" -> record(command, name, command.getDocument("filter", new BsonDocument()),
					command.getDocument("sort", new BsonDocument()));
			case "findAndModify" -> record(command, name, command.getDocument("query", new BsonDocument()),
					command.getDocument("sort", new BsonDocument()));
			case "count", "distinct" ->
				record(command, name, command.getDocument("query", new BsonDocument()), new BsonDocument());
			case "update" -> statements(command, "updates").forEach(update -> record(command, name,
					update.asDocument().getDocument("q", new BsonDocument()), new BsonDocument()));
			case "delete" -> statements(command, "deletes").forEach(delete -> record(command, name,
					delete.asDocument().getDocument("q", new BsonDocument()), new BsonDocument()));
			case "aggregate" -> {
				BsonArray pipeline = command.getArray("pipeline", new BsonArray());
				BsonDocument first = pipeline.isEmpty() ? new BsonDocument() : pipeline.get(0).asDocument();
				record(command, name, first.getDocument("$match", new BsonDocument()),
						first.getDocument("$sort", new BsonDocument()));
			}
			default -> {
			}
		}
	}

	private static List<BsonValue> statements(BsonDocument command, String field) {
		return command.getArray(field, new BsonArray()).getValues();
	}

	private static void record(BsonDocument command, String name, BsonDocument filter, BsonDocument sort) {
		String collection = command.get(name).isString() ? command.getString(name).getValue() : "";
		Set<String> fields = new LinkedHashSet<>();
		collectFields(filter, fields);
		RECORDED.putIfAbsent(new Recorded(collection, Set.copyOf(fields), List.copyOf(sort.keySet())), name);
	}

	/** Top-level field names, looking into {@code $and}, {@code $or} and {@code $nor}. */
	private static void collectFields(BsonDocument filter, Set<String> fields) {
		filter.forEach((key, value) -> {
			if (key.startsWith("$")) {
				if (value.isArray()) {
					value.asArray().forEach(clause -> {
						if (clause.isDocument()) {
							collectFields(clause.asDocument(), fields);
						}
					});
				}
			}
			else {
				fields.add(key);
			}
		});
	}

	/**
	 * Forgets what was recorded, so that a test checks only the queries issued while it
	 * drives the service, not those of other tests' own assertions.
	 */
	public static void reset() {
		RECORDED.clear();
	}

	/** The shapes recorded so far on {@code collections}. */
	public static List<Recorded> recorded(Set<String> collections) {
		return RECORDED.keySet().stream().filter(shape -> collections.contains(shape.collection())).toList();
	}

	/**
	 * What is wrong with the queries recorded on the listed shapes' collections: a query
	 * whose shape is not listed, a listed shape whose index is not declared, or whose
	 * index does not lead with a field the shape filters on (or, unfiltered, sorts on).
	 * @param declared the indexes the service declares, by collection (the {@code _id}
	 * index exists without being declared)
	 */
	public static List<String> problems(List<QueryShape> listed, Map<String, List<IndexDefinition>> declared) {
		List<String> problems = new ArrayList<>();
		Set<String> collections = new LinkedHashSet<>();
		listed.forEach(shape -> collections.add(shape.collection()));
		for (Recorded query : recorded(collections)) {
			if (listed.stream().noneMatch(shape -> shape.matches(query.collection(), query.filter(), query.sort()))) {
				problems.add("not listed: " + query);
			}
		}
		for (QueryShape shape : listed) {
			if (QueryShape.ID_INDEX.equals(shape.index())) {
				if (!shape.filter().contains("_id")) {
					problems.add("the _id index does not serve " + shape);
				}
				continue;
			}
			IndexDefinition index = declared.getOrDefault(shape.collection(), List.of())
				.stream()
				.filter(definition -> shape.index().equals(definition.getIndexOptions().getString("name")))
				.findFirst()
				.orElse(null);
			if (index == null) {
				problems.add("index " + shape.index() + " is not declared on " + shape.collection() + " for " + shape);
				continue;
			}
			String leading = index.getIndexKeys().keySet().iterator().next();
			boolean serves = shape.filter().isEmpty()
					? !shape.sort().isEmpty() && shape.sort().getFirst().equals(leading)
					: shape.filter().contains(leading);
			if (!serves) {
				problems.add("index " + shape.index() + " (leading " + leading + ") does not serve " + shape);
			}
		}
		return problems;
	}

	/** Registers the recorder with the application's MongoDB client. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Recording {

		@Bean
		MongoClientSettingsBuilderCustomizer queryShapeRecorder() {
			return settings -> settings.addCommandListener(new QueryShapes());
		}

	}

}
