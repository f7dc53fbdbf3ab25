package dev.ordersaga.support.events;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.validation.Validation;
import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.support.logging.SagaLogContext;
import dev.ordersaga.support.testing.TestEvents;

import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a handler's log lines carry in the MDC, and that nothing leaks past it. */
class EventLogContextTest {

	sealed interface Ping {

	}

	record Pinged(@NotNull String orderId) implements Ping {
	}

	record Registered(@NotNull String customerId) implements Ping {
	}

	static final EventCatalog<Ping> CATALOG = EventCatalog.of(Ping.class)
		.type("ping.v1", Pinged.class)
		.type("customer.registered.v1", Registered.class)
		.build();

	final EventHandlers handlers = new EventHandlers(new EventCodec(JsonMapper.builder().build(),
			Validation.buildDefaultValidatorFactory().getValidator(), "/test-fn"));

	final Map<String, String> seen = new HashMap<>();

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void everyLineOfAHandlerCarriesTheOrderIdAndTheEventType() {
		MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
		Function<Message<?>, Message<byte[]>> function = handlers.function(CATALOG, event -> {
			seen.putAll(MDC.getCopyOfContextMap());
			return Optional.empty();
		});

		Message<byte[]> event = TestEvents.event("ping.v1", "order-7", "{\"orderId\":\"order-7\"}");
		function.apply(event);

		assertThat(seen).containsEntry(SagaLogContext.ORDER_ID, "order-7")
			.containsEntry(SagaLogContext.CE_TYPE, "ping.v1")
			.containsEntry(SagaLogContext.CE_ID, (String) event.getHeaders().get("ce_id"))
			.containsEntry("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(MDC.getCopyOfContextMap()).containsOnlyKeys("traceId");
	}

	@Test
	void profileEventsCarryTheCustomerIdInstead() {
		Function<Message<?>, Message<byte[]>> function = handlers.function(CATALOG, event -> {
			seen.putAll(MDC.getCopyOfContextMap());
			return Optional.empty();
		});

		function.apply(TestEvents.event("customer.registered.v1", "customer-3", "{\"customerId\":\"customer-3\"}"));

		assertThat(seen).containsEntry(SagaLogContext.CUSTOMER_ID, "customer-3")
			.containsEntry(SagaLogContext.CE_TYPE, "customer.registered.v1")
			.doesNotContainKey(SagaLogContext.ORDER_ID);
	}

	@Test
	void thePoisonMessageIsLoggedWithItsTypeAndTheContextEndsWithTheFailure() {
		Function<Message<?>, Message<byte[]>> function = handlers.function(CATALOG, event -> Optional.empty());

		assertThatThrownBy(() -> function.apply(TestEvents.event("ping.v1", "order-8", "not json")))
			.isInstanceOf(PoisonMessageException.class);

		assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
	}

	@Test
	void nestedContextsRestoreTheOuterValues() {
		try (SagaLogContext outer = SagaLogContext.order("order-1")) {
			try (SagaLogContext inner = SagaLogContext.event("ping.v1", "e-2", "order-2")) {
				assertThat(MDC.get(SagaLogContext.ORDER_ID)).isEqualTo("order-2");
			}
			assertThat(MDC.get(SagaLogContext.ORDER_ID)).isEqualTo("order-1");
			assertThat(MDC.get(SagaLogContext.CE_TYPE)).isNull();
		}
		assertThat(MDC.get(SagaLogContext.ORDER_ID)).isNull();
	}

}
