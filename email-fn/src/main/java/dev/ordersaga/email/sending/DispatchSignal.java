package dev.ordersaga.email.sending;

/**
 * Tells the dispatcher that an e-mail became due, so it goes out now rather than on the
 * next sweep.
 */
public interface DispatchSignal {

	void wake();

}
