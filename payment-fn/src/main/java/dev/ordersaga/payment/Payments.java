package dev.ordersaga.payment;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.Repository;

/**
 * All payments, one per order. Writes go through {@link PaymentWrites}: conditional
 * single-document writes.
 */
public interface Payments extends Repository<Payment, OrderId>, PaymentWrites {

	Optional<Payment> findById(OrderId orderId);

	/** E.g. the intents still open ({@code CHARGING}), for operators. */
	List<Payment> findByStatus(PaymentStatus status);

}
