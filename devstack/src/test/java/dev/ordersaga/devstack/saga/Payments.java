package dev.ordersaga.devstack.saga;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import dev.ordersaga.devstack.SagaService;
import dev.ordersaga.devstack.SagaStack;

/**
 * Takes the payment service out of the stack for tests that need orders to stay approved.
 */
final class Payments {

	private static final String PAYMENT_FN = "payment-fn";

	private Payments() {
	}

	/**
	 * Stops payment-fn if the stack runs it; returns whether it has to be started again.
	 */
	static boolean pause(SagaStack stack) {
		boolean present = Arrays.stream(SagaService.values()).anyMatch(s -> s.id().equals(PAYMENT_FN));
		if (present && stack.isRunning(PAYMENT_FN)) {
			stack.stopService(PAYMENT_FN);
			return true;
		}
		return false;
	}

	static void resume(SagaStack stack, boolean wasRunning) {
		if (wasRunning) {
			stack.startService(PAYMENT_FN);
		}
	}

	static <T> T join(Future<T> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

}
