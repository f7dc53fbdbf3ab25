package dev.ordersaga.payment.messaging;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.payment.provider.ResilientPaymentProvider;

import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.binding.BindingsLifecycleController.State;
import org.springframework.stereotype.Component;

/**
 * Stops consuming while the payment provider is down, so that orders wait on the broker
 * instead of failing or being dead-lettered: the circuit breaker opening pauses the input
 * binding (the consumer keeps its partitions and polls nothing), and it going half-open
 * resumes it, so that the next records probe whether the provider is back. If they fail
 * the breaker opens again and the binding pauses again; if they succeed it closes and
 * payments flow. Records that met the open breaker are not lost: the container seeks back
 * to them (see {@link ContainerErrorHandling}).
 */
@Component
public class PauseWhileProviderDown {

	private static final Logger log = LoggerFactory.getLogger(PauseWhileProviderDown.class);

	private final BindingsLifecycleController bindings;

	private final CircuitBreaker circuitBreaker;

	private final AtomicBoolean paused = new AtomicBoolean();

	private final AtomicLong pauses = new AtomicLong();

	PauseWhileProviderDown(BindingsLifecycleController bindings, CircuitBreakerRegistry circuitBreakers,
			MeterRegistry meters) {
		this.bindings = bindings;
		this.circuitBreaker = circuitBreakers.circuitBreaker(ResilientPaymentProvider.INSTANCE);
		this.circuitBreaker.getEventPublisher().onStateTransition(this::onStateTransition);
		Gauge.builder("saga.payment.intake.paused", paused, p -> p.get() ? 1 : 0)
			.description("1 while payment-fn's input binding is paused because the payment provider is down")
			.register(meters);
	}

	/** Whether the input binding is paused right now. */
	public boolean isPaused() {
		return paused.get();
	}

	/** How often the binding was paused since start. */
	public long pauses() {
		return pauses.get();
	}

	/**
	 * Follows the breaker's state as it is now rather than the event's target state:
	 * transitions are published from different threads (a failing call, the breaker's
	 * timer), and acting on a stale one could leave the binding paused while the breaker
	 * is already half-open.
	 */
	private synchronized void onStateTransition(CircuitBreakerOnStateTransitionEvent event) {
		CircuitBreaker.State now = circuitBreaker.getState();
		switch (now) {
			case OPEN, FORCED_OPEN -> {
				if (paused.compareAndSet(false, true)) {
					pauses.incrementAndGet();
					log.warn(
							"Provider unavailable, breaker {}: pausing payments ({} paused; orders wait on the broker)",
							now, PaymentFunctions.INPUT_BINDING);
					change(State.PAUSED);
				}
			}
			case HALF_OPEN -> resume("Breaker HALF_OPEN: resuming payments to see whether the provider is back");
			case CLOSED, DISABLED, METRICS_ONLY -> {
				if (!resume("Provider back, breaker " + now + ": resuming payments")) {
					log.info("Provider back, breaker {}: payments flowing", now);
				}
			}
		}
	}

	/**
	 * @return whether the binding was paused and is resumed now
	 */
	private boolean resume(String message) {
		if (paused.compareAndSet(true, false)) {
			log.info(message);
			change(State.RESUMED);
			return true;
		}
		return false;
	}

	private void change(State state) {
		try {
			bindings.changeState(PaymentFunctions.INPUT_BINDING, state);
		}
		catch (RuntimeException ex) {
			log.error("Could not change {} to {}", PaymentFunctions.INPUT_BINDING, state, ex);
		}
	}

}
