package dev.ordersaga.payment.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.ordersaga.payment.OrderId;
import dev.ordersaga.payment.PaymentProvider;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The payment provider, as far as the contract tests need it: charges every token but
 * {@code tok_declined}, idempotently per order, and refunds what it charged. The
 * contracts pin payment-fn's events, not the provider's HTTP API (payment-fn's own tests
 * drive that through the sandbox), so the provider port is the one thing replaced: the
 * function, the domain and the store run as in production.
 */
public class InMemoryProvider implements PaymentProvider {

	private final Map<OrderId, ProviderCharge> charges = new ConcurrentHashMap<>();

	/** Puts the in-memory provider in front of the HTTP one. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Replacement {

		@Bean
		@Primary
		InMemoryProvider inMemoryPaymentProvider() {
			return new InMemoryProvider();
		}

	}

	@Override
	public ChargeOutcome charge(ChargeRequest request) {
		if ("tok_declined".equals(request.paymentMethod())) {
			return new ChargeOutcome.Declined("card_declined", "Your card was declined.");
		}
		return new ChargeOutcome.Charged(charges
			.computeIfAbsent(request.orderId(),
					order -> new ProviderCharge("ch_" + order, request.amount(), ChargeState.SUCCEEDED, false))
			.reference());
	}

	@Override
	public List<ProviderCharge> findCharges(OrderId orderId) {
		return Optional.ofNullable(charges.get(orderId)).stream().toList();
	}

	@Override
	public Refunded refund(RefundRequest request) {
		return new Refunded("re_" + request.orderId());
	}

	/** Whether an order was charged, as the provider would tell its merchant. */
	boolean charged(String orderId) {
		return charges.containsKey(OrderId.of(orderId));
	}

}
