package dev.ordersaga.devstack.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.icegreen.greenmail.util.GreenMail;

import dev.ordersaga.devstack.EmbeddedStack;
import dev.ordersaga.devstack.SagaService;

/**
 * The stack a load run aims at.
 *
 * @param description for the report
 * @param orderFn base URL of order-fn
 * @param customerFn base URL of customer-fn
 * @param sandbox base URL of the payment provider's sandbox
 * @param kafkaBootstrap {@code bootstrap.servers} of the stack's broker
 * @param greenMail the SMTP server's received mail when it runs in this JVM; without it
 * the mails are timed by email-fn's {@code email.sent.v1} events
 * @param serviceJvmOptions what the service JVMs run with, as far as known
 * @param processIds the stack's JVMs by name, when they run on this machine (for the CPU
 * they spend per saga); empty for a stack elsewhere
 */
public record LoadTarget(String description, String orderFn, String customerFn, String sandbox, String kafkaBootstrap,
		Optional<Supplier<GreenMail>> greenMail, List<String> serviceJvmOptions,
		Supplier<Map<String, Long>> processIds) {

	/** A stack in this JVM. */
	public static LoadTarget of(EmbeddedStack stack, String description) {
		return new LoadTarget(description, stack.url(SagaService.ORDER_FN), stack.url(SagaService.CUSTOMER_FN),
				stack.url(SagaService.PAYMENT_SANDBOX), stack.kafka().bootstrapServers(), Optional.of(stack::greenMail),
				stack.serviceJvmOptions(), stack::processIds);
	}

	/**
	 * A stack that already runs: {@code local} (devstack's default ports) or
	 * comma-separated {@code component=address} pairs overriding them, with component
	 * {@code order-fn}, {@code customer-fn}, {@code payment-sandbox} (URLs) or
	 * {@code kafka} ({@code host:port}).
	 */
	public static LoadTarget parse(String spec) {
		Map<String, String> addresses = new HashMap<>(Map.of(SagaService.ORDER_FN.id(), local(SagaService.ORDER_FN),
				SagaService.CUSTOMER_FN.id(), local(SagaService.CUSTOMER_FN), SagaService.PAYMENT_SANDBOX.id(),
				local(SagaService.PAYMENT_SANDBOX), "kafka", "127.0.0.1:9092"));
		if (!spec.equals("local")) {
			for (String pair : spec.split(",")) {
				String[] parts = pair.strip().split("=", 2);
				if (parts.length != 2 || !addresses.containsKey(parts[0].strip())) {
					throw new IllegalArgumentException("load.target: expected 'local' or component=address pairs with "
							+ "component one of " + addresses.keySet() + ", got '" + pair + "'");
				}
				addresses.put(parts[0].strip(), parts[1].strip());
			}
		}
		return new LoadTarget("running stack " + addresses, addresses.get(SagaService.ORDER_FN.id()),
				addresses.get(SagaService.CUSTOMER_FN.id()), addresses.get(SagaService.PAYMENT_SANDBOX.id()),
				addresses.get("kafka"), Optional.empty(), List.of("(as the running stack was started)"), Map::of);
	}

	private static String local(SagaService service) {
		return "http://localhost:" + service.defaultPort();
	}

}
