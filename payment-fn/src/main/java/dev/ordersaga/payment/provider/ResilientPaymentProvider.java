package dev.ordersaga.payment.provider;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import dev.ordersaga.payment.OrderId;
import dev.ordersaga.payment.PaymentProvider;
import dev.ordersaga.payment.ProviderUnavailableException;
import dev.ordersaga.payment.RefundFailedException;

/**
 * Protects every provider call, outermost first:
 * <ol>
 * <li><b>Retry</b> with exponential backoff, only for
 * {@link ProviderUnavailableException} and {@link ProviderServerErrorException}; declines
 * and other answers are final. Every attempt sends the same idempotency key, so a retry
 * never charges twice.</li>
 * <li><b>Circuit breaker</b> counting outages ({@link ProviderUnavailableException}) and
 * server errors ({@link ProviderServerErrorException}), but not the server errors that
 * answer a charge or a refund ({@link RequestServerErrorException}): those may concern
 * the one request, and each is followed by a read (the search that reconciles the charge,
 * the probe after a refund) that fails too when the provider as a whole does. While it is
 * open calls fail at once, and payment-fn pauses its input binding.</li>
 * <li><b>Bulkhead</b>: at most as many concurrent calls as the binding has consumer
 * threads.</li>
 * <li><b>Time limiter</b> on each attempt; the request runs on a virtual thread that is
 * interrupted on timeout.</li>
 * </ol>
 * Outcomes leave as the domain expects them: a charge whose server errors outlast the
 * retries is {@link ChargeOutcome.Unknown} (an earlier attempt may have charged), to be
 * reconciled by a search; a refund's is {@link RefundFailedException}; whatever keeps the
 * provider out of reach, including a search it fails, is
 * {@link ProviderUnavailableException}.
 */
public class ResilientPaymentProvider implements PaymentProvider {

	/**
	 * The name of the Resilience4j instances
	 * ({@code resilience4j.*.instances.paymentProvider}).
	 */
	public static final String INSTANCE = "paymentProvider";

	/**
	 * An attempt that would start at or after the order's payBy; not retried, not counted
	 * by the breaker.
	 */
	private static final class PayByReached extends RuntimeException {

		PayByReached() {
			super(null, null, false, false);
		}

	}

	private final PaymentProvider delegate;

	private final CircuitBreaker circuitBreaker;

	private final Retry retry;

	private final Bulkhead bulkhead;

	private final TimeLimiter timeLimiter;

	private final ExecutorService executor;

	private final Clock clock;

	private final ObservationRegistry observations;

	public ResilientPaymentProvider(PaymentProvider delegate, CircuitBreaker circuitBreaker, Retry retry,
			Bulkhead bulkhead, TimeLimiter timeLimiter, ExecutorService executor, Clock clock,
			ObservationRegistry observations) {
		this.delegate = delegate;
		this.circuitBreaker = circuitBreaker;
		this.retry = retry;
		this.bulkhead = bulkhead;
		this.timeLimiter = timeLimiter;
		this.executor = executor;
		this.clock = clock;
		this.observations = observations;
	}

	@Override
	public ChargeOutcome charge(ChargeRequest request) {
		String what = "charge of order " + request.orderId();
		try {
			return call(what, () -> {
				if (!clock.instant().isBefore(request.notAfter())) {
					throw new PayByReached();
				}
			}, () -> delegate.charge(request));
		}
		catch (ProviderServerErrorException ex) {
			return new ChargeOutcome.Unknown(ex.getMessage() + " (after " + attempts() + " attempts)");
		}
		catch (PayByReached ex) {
			// the outcome of the earlier attempts is unknown: settled on redelivery by
			// asking, never by charging
			throw new ProviderUnavailableException(
					what + ": payBy " + request.notAfter() + " reached while retrying; no further attempt");
		}
	}

	@Override
	public List<ProviderCharge> findCharges(OrderId orderId) {
		try {
			return call("search for the charges of order " + orderId, () -> {
			}, () -> delegate.findCharges(orderId));
		}
		catch (ProviderServerErrorException ex) {
			// not knowing whether money was taken is no answer: wait until the provider
			// can tell
			throw new ProviderUnavailableException(ex.getMessage(), ex);
		}
	}

	@Override
	public Refunded refund(RefundRequest request) {
		try {
			return call("refund of order " + request.orderId(), () -> {
			}, () -> delegate.refund(request));
		}
		catch (ProviderServerErrorException ex) {
			// the breaker ignored the refund's server errors; a search that fails as well
			// tells (and counts) that the provider is failing, not this refund
			findCharges(request.orderId());
			throw new RefundFailedException(ex.getMessage() + " (after " + attempts() + " attempts)", ex);
		}
	}

	private <T> T call(String what, Runnable beforeEachAttempt, Supplier<T> request) {
		Supplier<T> guarded = CircuitBreaker.decorateSupplier(circuitBreaker,
				Bulkhead.decorateSupplier(bulkhead, () -> withinTimeLimit(what, request)));
		Supplier<T> attempt = () -> {
			beforeEachAttempt.run();
			return guarded.get();
		};
		try {
			return Retry.decorateSupplier(retry, attempt).get();
		}
		catch (CallNotPermittedException ex) {
			throw new ProviderUnavailableException(
					what + ": circuit breaker " + circuitBreaker.getState() + ", provider calls suspended", ex);
		}
		catch (BulkheadFullException ex) {
			throw new ProviderUnavailableException(what + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Runs one attempt on a virtual thread, abandoned (interrupted) when the time limit
	 * passes.
	 */
	private <T> T withinTimeLimit(String what, Supplier<T> request) {
		Observation parent = observations.getCurrentObservation();
		Supplier<T> traced = parent == null ? request : () -> parent.scoped(request);
		try {
			return timeLimiter.executeFutureSupplier(() -> executor.submit(traced::get));
		}
		catch (TimeoutException ex) {
			throw new ProviderUnavailableException(what + ": no answer within "
					+ timeLimiter.getTimeLimiterConfig().getTimeoutDuration().toMillis() + " ms", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ProviderUnavailableException(what + ": interrupted while waiting for the provider", ex);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(what + " failed", ex);
		}
	}

	private int attempts() {
		return retry.getRetryConfig().getMaxAttempts();
	}

}
