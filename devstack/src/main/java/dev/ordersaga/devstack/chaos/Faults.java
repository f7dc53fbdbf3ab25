package dev.ordersaga.devstack.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import dev.ordersaga.devstack.SagaService;

/**
 * Every fault class, and the seeded schedule that spreads their injections over a run.
 */
public final class Faults {

	/** The services a crash or restart hits: all but the provider's stand-in. */
	static final List<SagaService> SERVICES = List.of(SagaService.ORDER_FN, SagaService.CUSTOMER_FN,
			SagaService.PAYMENT_FN, SagaService.EMAIL_FN, SagaService.AUDIT_FN);

	/** Consumer groups whose offsets may be rewound, with their service. */
	static final List<SagaService> REWINDABLE = List.of(SagaService.ORDER_FN, SagaService.CUSTOMER_FN,
			SagaService.PAYMENT_FN, SagaService.EMAIL_FN);

	/** Every fault class by name, as {@code -Dchaos.faults=} lists them. */
	public static final Set<String> CLASSES = new TreeSet<>(List.of("kill", "restart", "broker", "mongodb",
			"provider-down", "provider-slow", "smtp", "poison", "offset-reset", "duplicate-post"));

	private Faults() {
	}

	/** One injection at an offset from the start of the load. */
	public record Scheduled(Duration at, Fault fault) {
	}

	/**
	 * The injections of the chosen classes, at seeded offsets within the first 85 % of
	 * {@code window} (the end of the load runs clean, so that heals are seen under load),
	 * ordered by time.
	 */
	public static List<Scheduled> schedule(Set<String> classes, Duration window, Random random) {
		List<Fault> faults = new ArrayList<>();
		for (String name : new TreeSet<>(classes)) {
			switch (name) {
				case "kill" -> SERVICES.forEach(service -> {
					for (int i = 0; i < 3; i++) {
						faults.add(new Kill(service, seconds(random, 1, 5)));
					}
				});
				case "restart" -> SERVICES.forEach(service -> faults.add(new Restart(service, seconds(random, 1, 3))));
				case "broker" -> {
					faults.add(new BrokerKill(seconds(random, 5, 15)));
					faults.add(new BrokerKill(seconds(random, 5, 15)));
				}
				case "mongodb" -> faults.add(new MongoOutage(seconds(random, 30, 60)));
				case "provider-down" -> {
					faults.add(new ProviderUnavailable(seconds(random, 10, 30)));
					faults.add(new ProviderRefusing(seconds(random, 10, 30)));
				}
				case "provider-slow" -> faults.add(new ProviderSlow(seconds(random, 15, 30)));
				case "smtp" -> {
					faults.add(new SmtpOutage(seconds(random, 15, 40)));
					faults.add(new SmtpOutage(seconds(random, 15, 40)));
				}
				case "poison" -> {
					for (int i = 0; i < 3; i++) {
						faults.add(new PoisonRecords());
					}
				}
				case "offset-reset" -> {
					faults.add(new OffsetReset(REWINDABLE.get(random.nextInt(REWINDABLE.size())), 50));
					faults.add(new OffsetReset(REWINDABLE.get(random.nextInt(REWINDABLE.size())), 50));
				}
				case "duplicate-post" -> {
					for (int i = 0; i < 3; i++) {
						faults.add(new DuplicatePosts(20));
					}
				}
				default -> throw new IllegalArgumentException("Unknown fault class '" + name + "', known: " + CLASSES);
			}
		}
		long span = Math.max(1, (long) (window.toMillis() * 0.8));
		long start = window.toMillis() / 20;
		return faults.stream()
			.map(fault -> new Scheduled(Duration.ofMillis(start + (long) (random.nextDouble() * span)), fault))
			.sorted(Comparator.comparing(Scheduled::at))
			.toList();
	}

	private static Duration seconds(Random random, int min, int max) {
		return Duration.ofMillis(min * 1000L + random.nextInt((max - min) * 1000 + 1));
	}

	/** {@code kill -9} of a service, restarted after {@code duration}. */
	record Kill(SagaService service, Duration duration) implements Fault {

		@Override
		public String name() {
			return "kill";
		}

		@Override
		public List<String> components() {
			return List.of(service.id());
		}

		@Override
		public void inject(ChaosTarget target) {
			target.kill(service);
		}

		@Override
		public void heal(ChaosTarget target) {
			target.start(service, Map.of());
		}

	}

	/** A graceful stop (SIGTERM) and start of a service. */
	record Restart(SagaService service, Duration duration) implements Fault {

		@Override
		public String name() {
			return "restart";
		}

		@Override
		public List<String> components() {
			return List.of(service.id());
		}

		@Override
		public void inject(ChaosTarget target) {
			target.stop(service);
		}

		@Override
		public void heal(ChaosTarget target) {
			target.start(service, Map.of());
		}

	}

	/** The broker killed without a controlled shutdown, started again on its data. */
	record BrokerKill(Duration duration) implements Fault {

		@Override
		public String name() {
			return "broker";
		}

		@Override
		public List<String> components() {
			return List.of("kafka");
		}

		@Override
		public void inject(ChaosTarget target) {
			target.killBroker();
		}

		@Override
		public void heal(ChaosTarget target) {
			target.startBroker();
		}

	}

	/** MongoDB refusing every connection; the data stays. */
	record MongoOutage(Duration duration) implements Fault {

		@Override
		public String name() {
			return "mongodb";
		}

		@Override
		public List<String> components() {
			return List.of("mongodb");
		}

		@Override
		public void inject(ChaosTarget target) {
			target.mongoDown();
		}

		@Override
		public void heal(ChaosTarget target) {
			target.mongoUp();
		}

	}

	/** The provider answering 503 to everything and executing nothing. */
	record ProviderUnavailable(Duration duration) implements Fault {

		@Override
		public String name() {
			return "provider-down";
		}

		@Override
		public List<String> components() {
			return List.of("provider");
		}

		@Override
		public void inject(ChaosTarget target) {
			target.providerOutage("UNAVAILABLE");
		}

		@Override
		public void heal(ChaosTarget target) {
			target.providerOutage(null);
		}

	}

	/**
	 * The provider refusing connections: payment-fn is restarted against a port where
	 * nothing listens (the sandbox keeps its ledger), then against the sandbox again.
	 */
	record ProviderRefusing(Duration duration) implements Fault {

		@Override
		public String name() {
			return "provider-down";
		}

		@Override
		public List<String> components() {
			return List.of("provider", SagaService.PAYMENT_FN.id());
		}

		@Override
		public void inject(ChaosTarget target) {
			target.restartWith(SagaService.PAYMENT_FN, Map.of("saga.payment.provider.base-url",
					"http://localhost:" + dev.ordersaga.devstack.Ports.free()));
		}

		@Override
		public void heal(ChaosTarget target) {
			target.restartWith(SagaService.PAYMENT_FN, Map.of());
		}

	}

	/**
	 * A provider slower than payment-fn's read timeout (5 s): the client gives up, the
	 * provider still executes the charge.
	 */
	record ProviderSlow(Duration duration) implements Fault {

		@Override
		public String name() {
			return "provider-slow";
		}

		@Override
		public List<String> components() {
			return List.of("provider");
		}

		@Override
		public void inject(ChaosTarget target) {
			target.providerLatency(Duration.ofSeconds(7));
		}

		@Override
		public void heal(ChaosTarget target) {
			target.providerLatency(Duration.ZERO);
		}

	}

	/** Nothing listens on the SMTP port. */
	record SmtpOutage(Duration duration) implements Fault {

		@Override
		public String name() {
			return "smtp";
		}

		@Override
		public List<String> components() {
			return List.of("smtp");
		}

		@Override
		public void inject(ChaosTarget target) {
			target.smtpDown();
		}

		@Override
		public void heal(ChaosTarget target) {
			target.smtpUp();
		}

	}

	/** Unprocessable records on every topic. */
	record PoisonRecords() implements Fault {

		@Override
		public String name() {
			return "poison";
		}

		@Override
		public List<String> components() {
			return List.of("kafka");
		}

		@Override
		public Duration duration() {
			return Duration.ZERO;
		}

		@Override
		public void inject(ChaosTarget target) {
			target.publishPoison();
		}

		@Override
		public void heal(ChaosTarget target) {
			// nothing to undo: the records stay, and must end in the DLQs
		}

	}

	/**
	 * A consumer group's offsets moved back by {@code records} per partition while its
	 * service is stopped: that window is delivered again.
	 */
	record OffsetReset(SagaService service, long records) implements Fault {

		@Override
		public String name() {
			return "offset-reset";
		}

		@Override
		public List<String> components() {
			return List.of(service.id(), "kafka");
		}

		@Override
		public Duration duration() {
			return Duration.ZERO;
		}

		@Override
		public void inject(ChaosTarget target) {
			target.stop(service);
			target.rewind(service.id(), records);
		}

		@Override
		public void heal(ChaosTarget target) {
			target.start(service, Map.of());
		}

	}

	/** Requests of earlier orders sent again with their Idempotency-Key. */
	record DuplicatePosts(int requests) implements Fault {

		@Override
		public String name() {
			return "duplicate-post";
		}

		@Override
		public List<String> components() {
			return List.of("duplicate-post");
		}

		@Override
		public Duration duration() {
			return Duration.ZERO;
		}

		@Override
		public void inject(ChaosTarget target) {
			target.load().repeatEarlierRequests(requests);
		}

		@Override
		public void heal(ChaosTarget target) {
			// a duplicate request leaves nothing to undo
		}

	}

}
