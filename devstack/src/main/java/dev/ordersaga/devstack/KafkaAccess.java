package dev.ordersaga.devstack;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What one service may do on the secured broker: its own principal (the service id), read
 * on the topics it consumes in its own consumer group, write on the topics it publishes
 * to (its dead-letter topics included), create on both (the binder creates missing topics
 * at start-up), and describe on the consumer groups it observes. Mirrors the bindings of
 * the service's {@code application.yml}; the chart's {@code kafkaUser} values carry the
 * same lists.
 *
 * @param principal the SCRAM user name, {@code User:<principal>} in the ACLs
 * @param consumes topics read in {@code group}
 * @param produces topics written (results, outbox relay, dead letters, audit-fn's
 * replays)
 * @param group the service's consumer group
 * @param observedGroups other groups whose offsets it reads (audit-fn's consumer lag)
 */
public record KafkaAccess(String principal, Set<String> consumes, Set<String> produces, String group,
		Set<String> observedGroups) {

	/** The access of {@code service}; empty for a service that does not use Kafka. */
	public static Optional<KafkaAccess> of(SagaService service) {
		return switch (service) {
			case ORDER_FN -> Optional.of(new KafkaAccess(service.id(), Set.of("customer-events", "payment-events"),
					Set.of("order-events", "customer-events.dlq", "payment-events.dlq"), service.id(), Set.of()));
			case CUSTOMER_FN -> Optional.of(new KafkaAccess(service.id(), Set.of("order-events"),
					Set.of("customer-events", "customer-profiles", "order-events.dlq"), service.id(), Set.of()));
			case PAYMENT_FN -> Optional.of(new KafkaAccess(service.id(), Set.of("order-events"),
					Set.of("payment-events", "order-events.dlq"), service.id(), Set.of()));
			case EMAIL_FN ->
				Optional.of(new KafkaAccess(service.id(), Set.of("customer-profiles", "order-events", "payment-events"),
						Set.of("email-events", "customer-profiles.dlq", "order-events.dlq", "payment-events.dlq"),
						service.id(), Set.of()));
			case AUDIT_FN -> Optional.of(new KafkaAccess(service.id(),
					Set.of("order-events", "customer-events", "payment-events", "email-events", "order-events.dlq",
							"customer-events.dlq", "payment-events.dlq", "email-events.dlq", "customer-profiles.dlq"),
					// a replayed dead letter goes back to its original topic
					Set.of("order-events", "customer-events", "payment-events", "email-events", "customer-profiles"),
					service.id(), Set.of("order-fn", "customer-fn", "payment-fn", "email-fn")));
			case AUTH_SERVER, PAYMENT_SANDBOX -> Optional.empty();
		};
	}

	/** The ACLs that grant exactly this access, for {@code Admin.createAcls}. */
	public List<AclBinding> aclBindings() {
		List<AclBinding> bindings = new ArrayList<>();
		consumes.forEach(topic -> bindings.add(allow(ResourceType.TOPIC, topic, AclOperation.READ)));
		produces.forEach(topic -> bindings.add(allow(ResourceType.TOPIC, topic, AclOperation.WRITE)));
		Set<String> touched = new LinkedHashSet<>(consumes);
		touched.addAll(produces);
		touched.forEach(topic -> bindings.add(allow(ResourceType.TOPIC, topic, AclOperation.CREATE)));
		bindings.add(allow(ResourceType.GROUP, group, AclOperation.READ));
		observedGroups.forEach(observed -> bindings.add(allow(ResourceType.GROUP, observed, AclOperation.DESCRIBE)));
		return bindings;
	}

	private AclBinding allow(ResourceType type, String name, AclOperation operation) {
		return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
				new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
	}

}
