package dev.ordersaga.devstack.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Proves after a run that nothing was lost, duplicated or left inconsistent, from the
 * sources of truth themselves: order-fn's and customer-fn's APIs, the payment provider's
 * ledger, the mail the SMTP server received and the broker's offsets and dead-letter
 * topics. audit-fn is asked last, only to compare its verdict with this one.
 */
public final class InvariantChecker {

	/** The consumer groups of the services; each must be drained at the end. */
	public static final List<String> GROUPS = List.of("order-fn", "customer-fn", "payment-fn", "email-fn", "audit-fn");

	private static final Logger log = LoggerFactory.getLogger(InvariantChecker.class);

	/**
	 * {@code <orderId>.<kind-slug>@<domain>}: email-fn's Message-ID of an order's mail.
	 */
	private static final Pattern MESSAGE_ID = Pattern.compile("<?([0-9a-fA-F-]{36})\\.([a-z-]+)@[^>]*>?");

	private static final Duration POLL = Duration.ofSeconds(2);

	/** Quiet for this long (no new mail, charge, refund or event) counts as quiescent. */
	private static final Duration SETTLED = Duration.ofSeconds(10);

	private static final int MAX_PAGES = 1_000;

	/**
	 * Where the checked systems answer.
	 *
	 * @param mail every mail the SMTP server received, across its outages
	 */
	public record Endpoints(String orderFn, String customerFn, String auditFn, String sandbox, String kafkaBootstrap,
			Supplier<List<MimeMessage>> mail) {
	}

	/**
	 * What the run did.
	 *
	 * @param creditLimits the limit each customer was registered with, KRW minor units
	 * @param faultsInjected injections per fault class
	 * @param load what the load did (customer cancels, duplicate requests…); its
	 * {@code duplicateOrders} count (a repeated Idempotency-Key answered with another
	 * order) is an invariant
	 */
	public record Run(long seed, Duration duration, List<AcceptedOrder> orders, Map<String, Long> creditLimits,
			List<Poison> poison, Map<String, Integer> faultsInjected, Map<String, Long> load) {
	}

	private final Endpoints endpoints;

	private final Http http = new Http();

	public InvariantChecker(Endpoints endpoints) {
		this.endpoints = endpoints;
	}

	/**
	 * Waits (at most {@code limit}) until the system is quiescent: no order of the run
	 * open, every consumer group drained, and no new mail, charge or refund for a while.
	 * Returns whether it got there.
	 */
	public boolean awaitQuiescence(List<AcceptedOrder> orders, Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		String last = "";
		long quietSince = System.nanoTime();
		while (System.nanoTime() < deadline) {
			String state;
			try {
				long open = openOrders();
				long lag = groupLags().values().stream().mapToLong(Long::longValue).sum();
				JsonNode sandbox = http.require(endpoints.sandbox() + "/sandbox/status");
				state = open + "/" + lag + "/" + endpoints.mail().get().size() + "/" + sandbox.path("charges").asLong()
						+ "/" + sandbox.path("refunds").asLong();
				if (open > 0 || lag > 0) {
					quietSince = System.nanoTime();
				}
			}
			catch (RuntimeException notAnsweringYet) {
				state = "unavailable: " + notAnsweringYet.getMessage();
				quietSince = System.nanoTime();
			}
			if (!state.equals(last)) {
				log.info("Waiting for quiescence (open orders/lag/mails/charges/refunds): {}", state);
				last = state;
				quietSince = System.nanoTime();
			}
			else if (System.nanoTime() - quietSince >= SETTLED.toNanos()) {
				return true;
			}
			LockSupport.parkNanos(POLL.toNanos());
		}
		log.warn("Not quiescent within {}: {}", limit, last);
		return false;
	}

	/** Checks every invariant; call after {@link #awaitQuiescence}. */
	public ChaosReport check(Run run, boolean quiescent) {
		ChaosReport.Builder report = ChaosReport.builder(run, quiescent);
		for (long i = 0; i < run.load().getOrDefault(ChaosReport.DUPLICATE_ORDERS, 0L); i++) {
			report.violation(ChaosReport.DUPLICATE_ORDERS, "see the run's log");
		}
		Map<String, JsonNode> orders = checkOrders(run.orders(), report);
		checkPayments(orders, report);
		checkCredit(run, orders, report);
		checkMail(orders, report);
		checkConsumerGroups(report);
		checkDeadLetters(run.poison(), report);
		checkAudit(run.orders(), run.poison(), report);
		return report.build();
	}

	/** Reads every accepted order; counts the lost, open and non-monotonic ones. */
	private Map<String, JsonNode> checkOrders(List<AcceptedOrder> accepted, ChaosReport.Builder report) {
		Map<String, JsonNode> found = new LinkedHashMap<>();
		for (AcceptedOrder order : accepted) {
			Http.Answer answer = http.get(endpoints.orderFn() + "/orders/" + order.orderId());
			if (answer.status() == 404) {
				report.violation(ChaosReport.LOST, order.orderId());
				continue;
			}
			if (!answer.ok()) {
				throw new IllegalStateException("GET /orders/" + order.orderId() + " answered " + answer.status());
			}
			found.put(order.orderId(), answer.body());
			String status = answer.body().path("status").asString();
			if (status.equals("COMPLETED") || status.equals("CANCELLED")) {
				report.count(ChaosReport.TERMINAL);
				report.count(status.toLowerCase(java.util.Locale.ROOT));
			}
			else {
				report.violation(ChaosReport.NOT_TERMINAL, order.orderId());
			}
			if (!monotonic(answer.body().path("history"))) {
				report.violation(ChaosReport.NON_MONOTONIC, order.orderId());
			}
		}
		return found;
	}

	/**
	 * PENDING, then at most APPROVED, then at most one of COMPLETED and CANCELLED: never
	 * a step back, never a repeat, nothing after a terminal state.
	 */
	static boolean monotonic(JsonNode history) {
		int rank = -1;
		for (JsonNode change : history) {
			int next = switch (change.path("status").asString()) {
				case "PENDING" -> 0;
				case "APPROVED" -> 1;
				case "COMPLETED", "CANCELLED" -> 2;
				default -> -1;
			};
			if (next <= rank) {
				return false;
			}
			rank = next;
		}
		return rank >= 0;
	}

	/**
	 * A COMPLETED order has exactly one successful charge and no refund; a CANCELLED one
	 * a net charge of 0 (charges less refunds).
	 */
	private void checkPayments(Map<String, JsonNode> orders, ChaosReport.Builder report) {
		Map<String, List<JsonNode>> charges = byOrder(http.require(endpoints.sandbox() + "/sandbox/charges"));
		Map<String, List<JsonNode>> refunds = byOrder(http.require(endpoints.sandbox() + "/sandbox/refunds"));
		orders.forEach((orderId, order) -> {
			List<JsonNode> succeeded = charges.getOrDefault(orderId, List.of())
				.stream()
				.filter(charge -> "succeeded".equals(charge.path("status").asString()))
				.toList();
			List<JsonNode> refunded = refunds.getOrDefault(orderId, List.of());
			long net = succeeded.stream().mapToLong(charge -> charge.path("amount").asLong()).sum()
					- refunded.stream().mapToLong(refund -> refund.path("amount").asLong()).sum();
			switch (order.path("status").asString()) {
				case "COMPLETED" -> {
					if (succeeded.size() > 1) {
						report.violation(ChaosReport.DOUBLE_CHARGES, orderId);
					}
					else if (succeeded.isEmpty() || !refunded.isEmpty()) {
						report.violation(ChaosReport.COMPLETED_NOT_CHARGED_ONCE, orderId);
					}
					long total = order.path("total").path("amount").asLong();
					if (succeeded.size() == 1 && succeeded.getFirst().path("amount").asLong() != total) {
						report.violation(ChaosReport.COMPLETED_NOT_CHARGED_ONCE, orderId);
					}
				}
				case "CANCELLED" -> {
					if (net != 0) {
						report.violation(ChaosReport.UNREFUNDED_CANCELLED, orderId);
					}
				}
				default -> {
					// an open order is counted as not terminal already
				}
			}
		});
	}

	private static Map<String, List<JsonNode>> byOrder(JsonNode entries) {
		Map<String, List<JsonNode>> byOrder = new HashMap<>();
		entries.forEach(entry -> {
			String orderId = entry.path("orderId").asString("");
			byOrder.computeIfAbsent(orderId, id -> new ArrayList<>()).add(entry);
		});
		return byOrder;
	}

	/**
	 * Available credit = limit − the totals of the customer's open orders that hold a
	 * reservation (approved, not yet terminal); the limit once nothing is open.
	 */
	private void checkCredit(Run run, Map<String, JsonNode> orders, ChaosReport.Builder report) {
		Map<String, Long> reserved = new HashMap<>();
		orders.values().forEach(order -> {
			String status = order.path("status").asString();
			if ("APPROVED".equals(status)) {
				reserved.merge(order.path("customerId").asString(), order.path("total").path("amount").asLong(),
						Long::sum);
			}
		});
		run.creditLimits().forEach((customerId, limit) -> {
			Http.Answer customer = http.get(endpoints.customerFn() + "/customers/" + customerId);
			long expected = limit - reserved.getOrDefault(customerId, 0L);
			if (!customer.ok() || customer.body().path("availableCredit").path("amount").asLong() != expected) {
				report.violation(ChaosReport.CREDIT_MISMATCHES,
						customerId + " (available "
								+ customer.body().path("availableCredit").path("amount").asString("?") + ", expected "
								+ expected + ")");
			}
		});
	}

	/**
	 * At most one mail per kind per order (recognised by email-fn's Message-ID); a
	 * completed order has its payment and its completion mail.
	 */
	private void checkMail(Map<String, JsonNode> orders, ChaosReport.Builder report) {
		Map<String, Map<String, Integer>> kinds = new HashMap<>();
		for (MimeMessage message : endpoints.mail().get()) {
			Matcher id = MESSAGE_ID.matcher(messageId(message));
			if (id.matches()) {
				kinds.computeIfAbsent(id.group(1), order -> new HashMap<>()).merge(id.group(2), 1, Integer::sum);
			}
		}
		report.count("mails", kinds.values().stream().flatMap(m -> m.values().stream()).mapToLong(i -> i).sum());
		orders.forEach((orderId, order) -> {
			Map<String, Integer> sent = kinds.getOrDefault(orderId, Map.of());
			if (sent.values().stream().anyMatch(count -> count > 1)) {
				report.violation(ChaosReport.DUPLICATE_MAILS, orderId + " " + sent);
			}
			if ("COMPLETED".equals(order.path("status").asString())
					&& !(sent.containsKey("payment-completed") && sent.containsKey("order-completed"))) {
				report.violation(ChaosReport.MISSING_MAILS, orderId + " " + sent.keySet());
			}
		});
	}

	private static String messageId(MimeMessage message) {
		try {
			String id = message.getMessageID();
			return id == null ? "" : id.trim();
		}
		catch (MessagingException ex) {
			return "";
		}
	}

	private void checkConsumerGroups(ChaosReport.Builder report) {
		groupLags().forEach((group, lag) -> {
			report.lag(group, lag);
			if (lag > 0) {
				report.violation(ChaosReport.UNDRAINED_GROUPS, group + " (lag " + lag + ")");
			}
		});
	}

	/**
	 * The dead-letter topics hold exactly the injected poison, each with its reason
	 * ({@code x-exception-message}) and origin ({@code x-original-topic}): no other
	 * record, and every poison record that a dead-lettering consumer reads.
	 */
	private void checkDeadLetters(List<Poison> poison, ChaosReport.Builder report) {
		Set<String> poisonKeys = new HashSet<>();
		poison.forEach(record -> poisonKeys.add(record.key()));
		Set<String> deadKeys = new HashSet<>();
		for (ConsumerRecord<String, byte[]> dead : deadLetters()) {
			deadKeys.add(dead.key());
			report.count("deadLetters");
			if (!poisonKeys.contains(dead.key())) {
				report.violation(ChaosReport.UNEXPECTED_DEAD_LETTERS,
						dead.topic() + " key " + dead.key() + " offset " + dead.offset());
			}
			else if (dead.headers().lastHeader("x-exception-message") == null
					|| dead.headers().lastHeader("x-original-topic") == null) {
				// poison must arrive with the reason and where it came from
				report.violation(ChaosReport.UNEXPECTED_DEAD_LETTERS,
						dead.topic() + " key " + dead.key() + " offset " + dead.offset() + " without reason headers");
			}
		}
		poison.stream()
			.filter(Poison::deadLettered)
			.filter(record -> !deadKeys.contains(record.key()))
			.forEach(record -> report.violation(ChaosReport.MISSING_DEAD_LETTERS, record.topic() + " " + record.key()));
	}

	/**
	 * audit-fn's verdict agrees when it flags (violated, or not terminal) exactly the
	 * orders this checker flags, and calls the whole CONSISTENT exactly when this checker
	 * finds nothing.
	 */
	private void checkAudit(List<AcceptedOrder> accepted, List<Poison> poison, ChaosReport.Builder report) {
		Set<String> acceptedIds = new HashSet<>();
		accepted.forEach(order -> acceptedIds.add(order.orderId()));
		Set<String> poisonKeys = new HashSet<>();
		poison.forEach(record -> poisonKeys.add(record.key()));
		Set<String> flaggedByAudit = new TreeSet<>();
		String verdict;
		try {
			verdict = http.require(endpoints.auditFn() + "/consistency").path("verdict").asString();
			for (String query : List.of("verdict=VIOLATED", "state=PENDING", "state=APPROVED", "state=UNKNOWN")) {
				http.allPages(endpoints.auditFn() + "/sagas?" + query, 500, MAX_PAGES)
					.forEach(saga -> flaggedByAudit.add(saga.path("orderId").asString()));
			}
		}
		catch (RuntimeException ex) {
			report.audit("unavailable: " + ex.getMessage(), false, List.of(), List.of());
			return;
		}
		Set<String> flaggedHere = report.offendingOrders();
		// a poison record's key is no order: audit-fn may list it as a saga it cannot
		// place, which is what injected poison is
		List<String> onlyAudit = flaggedByAudit.stream()
			.filter(id -> !flaggedHere.contains(id))
			.filter(id -> !poisonKeys.contains(id))
			.toList();
		List<String> onlyChecker = flaggedHere.stream()
			.filter(acceptedIds::contains)
			.filter(id -> !flaggedByAudit.contains(id))
			.toList();
		boolean agrees = onlyAudit.isEmpty() && onlyChecker.isEmpty() && "CONSISTENT".equals(verdict) == report.clean();
		report.audit(verdict, agrees, onlyAudit, onlyChecker);
	}

	/** Open orders, all of them (also those whose POST answer a client never saw). */
	private long openOrders() {
		long open = 0;
		for (String status : List.of("PENDING", "APPROVED")) {
			open += http.require(endpoints.orderFn() + "/orders?size=1&status=" + status)
				.path("page")
				.path("totalElements")
				.asLong();
		}
		return open;
	}

	/** Uncommitted records per consumer group over the partitions it has committed. */
	Map<String, Long> groupLags() {
		try (Admin admin = admin()) {
			Map<String, Long> lags = new LinkedHashMap<>();
			for (String group : GROUPS) {
				Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
					.partitionsToOffsetAndMetadata()
					.get(30, TimeUnit.SECONDS);
				Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
				committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
				var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
				long lag = 0;
				for (var end : ends.entrySet()) {
					OffsetAndMetadata offset = committed.get(end.getKey());
					lag += Math.max(0, end.getValue().offset() - (offset == null ? 0 : offset.offset()));
				}
				lags.put(group, lag);
			}
			return lags;
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Reading consumer group offsets failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Every record of every {@code *.dlq} topic, read from the beginning to the end. */
	List<ConsumerRecord<String, byte[]>> deadLetters() {
		List<TopicPartition> partitions = new ArrayList<>();
		try (Admin admin = admin()) {
			Set<String> topics = new TreeSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
			topics.removeIf(topic -> !topic.endsWith(".dlq"));
			Map<String, TopicDescription> descriptions = admin.describeTopics(topics)
				.allTopicNames()
				.get(30, TimeUnit.SECONDS);
			descriptions.values()
				.forEach(description -> description.partitions()
					.forEach(partition -> partitions
						.add(new TopicPartition(description.name(), partition.partition()))));
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Listing the dead-letter topics failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		if (partitions.isEmpty()) {
			return records;
		}
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap(),
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
				"read_committed");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Dead-letter topics not read to their end within 60 s");
				}
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
		}
		return records;
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
	}

}
