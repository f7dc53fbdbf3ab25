package dev.ordersaga.payment.web;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ordersaga.payment.FailureReason;
import dev.ordersaga.payment.Payment;
import dev.ordersaga.payment.PaymentStatus;
import dev.ordersaga.payment.StatusChange;
import dev.ordersaga.support.money.Money;

/**
 * A payment as the API shows it; members that do not apply to its status are left out.
 *
 * @param providerReference the provider's charge id, once charged
 * @param failureReason why no money was taken, once failed
 * @param failureDetail what the provider said
 * @param refundReference the provider's refund id, once refunded
 * @param history every status the payment went through, with when
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentResponse(String orderId, String paymentId, String customerId, PaymentStatus status, Money amount,
		String paymentMethod, Instant payBy, String providerReference, FailureReason failureReason,
		String failureDetail, String refundReference, List<StatusChange> history) {

	static PaymentResponse of(Payment payment) {
		return new PaymentResponse(payment.orderId().toString(), payment.paymentId().toString(),
				payment.customerId() == null ? null : payment.customerId().toString(), payment.status(),
				payment.amount(), payment.paymentMethod(), payment.payBy(), payment.providerReference(),
				payment.failureReason(), payment.failureDetail(), payment.refundReference(), payment.history());
	}
}
