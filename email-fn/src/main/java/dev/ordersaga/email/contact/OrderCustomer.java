package dev.ordersaga.email.contact;

import java.time.Instant;

import dev.ordersaga.email.CustomerId;
import dev.ordersaga.email.OrderId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Which customer an order belongs to. Payment events do not (reliably) name the customer,
 * so email-fn learns the link from {@code order.created.v1} and every later event that
 * carries it. Links expire long after any e-mail of the order could still be due (refunds
 * included).
 */
@Document("order_customers")
public record OrderCustomer(@Id OrderId orderId, CustomerId customerId,
		@Indexed(expireAfter = "90d") Instant linkedAt) {
}
