package dev.ordersaga.payment.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

import dev.ordersaga.payment.OrderId;
import dev.ordersaga.support.security.Caller;
import dev.ordersaga.payment.PaymentManagement;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/payments")
class PaymentController {

	private final PaymentManagement payments;

	PaymentController(PaymentManagement payments) {
		this.payments = payments;
	}

	@Operation(summary = "The payment of an order",
			description = "A list with the order's payment (there is at most one per order), empty while payment-fn "
					+ "has not seen the order's approval or cancellation. Status CHARGING means the provider's answer "
					+ "is pending; VOIDED means the order was cancelled before it was charged.")
	@GetMapping
	List<PaymentResponse> byOrder(@Parameter(description = "The order id", required = true) @RequestParam UUID orderId,
			Caller caller) {
		// another customer's payment is as absent as a missing one
		return payments.find(new OrderId(orderId))
			.filter(payment -> caller.mayAccess(payment.customerId().value()))
			.map(PaymentResponse::of)
			.stream()
			.toList();
	}

}
