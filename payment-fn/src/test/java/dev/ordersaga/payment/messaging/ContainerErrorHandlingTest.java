package dev.ordersaga.payment.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.ordersaga.payment.ChargeUncertainException;
import dev.ordersaga.payment.ProviderUnavailableException;
import dev.ordersaga.payment.RefundFailedException;
import dev.ordersaga.support.events.PoisonMessageException;
import dev.ordersaga.support.messaging.DeadLetters;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerErrorHandlingTest {

	final ContainerErrorHandling handling = new ContainerErrorHandling(null, Duration.ofMillis(250),
			Duration.ofSeconds(4));

	final ConsumerRecord<String, String> record = new ConsumerRecord<>("order-events", 0, 7, "k", "v");

	/**
	 * As the listener container hands it over: wrapped by the function invocation and the
	 * listener.
	 */
	static Exception asDelivered(Exception cause) {
		return new ListenerExecutionFailedException("listener failed",
				new MessageHandlingException(new GenericMessage<>("payload"), cause));
	}

	@Test
	void waitsOutAnUnavailableProviderForeverAndNeverGivesUp() {
		BackOffExecution execution = handling.backOff(record, asDelivered(new ProviderUnavailableException("503")))
			.start();

		for (int attempt = 0; attempt < 10_000; attempt++) {
			assertThat(execution.nextBackOff()).isEqualTo(250);
		}
	}

	@Test
	void waitsOutAnUnreachableDatabase() {
		assertThat(handling.backOff(record, asDelivered(new DataAccessResourceFailureException("no server"))))
			.isNotNull();
		assertThat(handling.backOff(record, asDelivered(new QueryTimeoutException("slow")))).isNotNull();
	}

	@Test
	void retriesARefundTheProviderFailsOrRefusesForeverWithAGrowingCappedBackOff() {
		for (RefundFailedException failure : List.of(new RefundFailedException("500 api_error", false),
				new RefundFailedException("400 charge_not_refundable", true))) {
			BackOffExecution execution = handling.backOff(record, asDelivered(failure)).start();

			List<Long> waits = new ArrayList<>();
			for (int attempt = 0; attempt < 10_000; attempt++) {
				waits.add(execution.nextBackOff());
			}
			assertThat(waits).doesNotContain(BackOffExecution.STOP)
				.allSatisfy(wait -> assertThat(wait).isBetween(250L, 4_000L));
			assertThat(waits.subList(0, 5)).containsExactly(250L, 500L, 1_000L, 2_000L, 4_000L);
		}
	}

	@Test
	void retriesAChargeWhoseOutcomeIsUncertainForever() {
		BackOffExecution execution = handling.backOff(record, asDelivered(new ChargeUncertainException("ch_1 pending")))
			.start();

		for (int attempt = 0; attempt < 10_000; attempt++) {
			assertThat(execution.nextBackOff()).isNotEqualTo(BackOffExecution.STOP);
		}
	}

	@Test
	void retriesEverythingElseButPoisonForeverTooAValidEventIsNeverDeadLettered() {
		BackOffExecution execution = handling.backOff(record, asDelivered(new IllegalStateException("kept changing")))
			.start();

		for (int attempt = 0; attempt < 10_000; attempt++) {
			assertThat(execution.nextBackOff()).isPositive();
		}
	}

	@Test
	void namesTheClassifyingExceptionAsTheReasonNotItsWrappers() {
		PoisonMessageException poison = new PoisonMessageException("Unreadable", new IllegalArgumentException("x"));

		assertThat(DeadLetters.reason(asDelivered(poison))).isSameAs(poison);
		assertThat(DeadLetters.reason(asDelivered(new IllegalStateException("bug")))).hasMessage("bug");
	}

}
