package dev.ordersaga.order.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.order.Cancellation;
import dev.ordersaga.order.CustomerId;
import dev.ordersaga.order.IdempotencyKey;
import dev.ordersaga.order.Order;
import dev.ordersaga.order.OrderId;
import dev.ordersaga.order.OrderLine;
import dev.ordersaga.order.OrderManagement;
import dev.ordersaga.order.OrderStatus;
import dev.ordersaga.order.Orders;
import dev.ordersaga.order.PlaceOrder;
import dev.ordersaga.order.Placement;
import dev.ordersaga.support.security.Caller;
import dev.ordersaga.support.web.Problems;
import dev.ordersaga.support.web.RequestValidationException;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/orders")
@Validated
class OrderController {

	private final OrderManagement management;

	private final Orders orders;

	private final JsonMapper json;

	OrderController(OrderManagement management, Orders orders, JsonMapper json) {
		this.management = management;
		this.orders = orders;
		this.json = json;
	}

	@Operation(summary = "Place an order", description = "The order starts PENDING and is approved or cancelled "
			+ "once the customer's credit has been checked. A retry with the same Idempotency-Key returns the first order.")
	@PostMapping
	ResponseEntity<OrderResponse> place(@Valid @RequestBody PlaceOrderRequest request, @Parameter(
			description = "Makes retries safe: the same key with the same body never creates a second order") @RequestHeader(
					name = "Idempotency-Key", required = false) @Size(min = 1, max = 255) String idempotencyKey,
			Caller caller) {
		if (!caller.mayAccess(request.customerId())) {
			throw Problems.problem(HttpStatus.FORBIDDEN, "Forbidden",
					"A customer places orders for themselves only: customerId must be the token's customer");
		}
		List<OrderLine> lines = request.lines()
			.stream()
			.map(line -> new OrderLine(line.sku(), line.quantity(), line.unitPrice().toMoney()))
			.toList();
		if (lines.stream().map(line -> line.unitPrice().currency()).distinct().count() > 1) {
			throw new RequestValidationException("lines", "all lines of an order must share one currency");
		}
		IdempotencyKey key = idempotencyKey == null ? null : new IdempotencyKey(idempotencyKey, fingerprint(request));
		Placement placement = management
			.place(new PlaceOrder(new CustomerId(request.customerId()), request.paymentMethod(), lines, key));
		return switch (placement) {
			case Placement.Placed(Order order) -> created(order);
			case Placement.Replayed(Order order) -> created(order);
			case Placement.KeyReused(OrderId existing) -> throw Problems.unprocessable("Idempotency-Key reused",
					"Idempotency-Key " + idempotencyKey + " was already used for a different request");
		};
	}

	@Operation(summary = "Read one order with its status history")
	@GetMapping("/{orderId}")
	OrderResponse get(@PathVariable UUID orderId, Caller caller) {
		return visible(new OrderId(orderId), caller).map(OrderResponse::of)
			.orElseThrow(() -> Problems.notFound("Order", orderId));
	}

	@Operation(summary = "Cancel an order on the customer's request",
			description = "Accepted (202) while the order is not completed; the cancellation then releases the credit "
					+ "and refunds a charge. 409 once the order is completed.")
	@PostMapping("/{orderId}/cancel")
	ResponseEntity<OrderResponse> cancel(@PathVariable UUID orderId, Caller caller) {
		if (visible(new OrderId(orderId), caller).isEmpty()) {
			throw Problems.notFound("Order", orderId);
		}
		return switch (management.cancelOnRequest(new OrderId(orderId))) {
			case Cancellation.Cancelled(Order order) -> ResponseEntity.accepted().body(OrderResponse.of(order));
			case Cancellation.TooLate(Order order) ->
				throw Problems.conflict("Order already completed", "Order " + order.id() + " completed at "
						+ order.history().getLast().at() + " and can no longer be cancelled");
			case Cancellation.UnknownOrder(OrderId id) -> throw Problems.notFound("Order", id);
		};
	}

	@Operation(summary = "List orders, newest first, optionally of one customer and/or in one status",
			description = "A customer sees only their own orders, whatever customerId says.")
	@GetMapping
	PagedModel<OrderResponse> list(@RequestParam(required = false) UUID customerId,
			@RequestParam(required = false) OrderStatus status,
			@PageableDefault(size = 20, sort = "createdAt", direction = Sort.Direction.DESC) Pageable pageable,
			Caller caller) {
		Optional<UUID> own = caller.listingLimit();
		if (own.isPresent()) {
			if (customerId != null && !customerId.equals(own.get())) {
				return new PagedModel<>(Page.empty(pageable));
			}
			customerId = own.get();
		}
		Page<Order> page;
		if (customerId != null && status != null) {
			page = orders.findByCustomerIdAndStatus(new CustomerId(customerId), status, pageable);
		}
		else if (customerId != null) {
			page = orders.findByCustomerId(new CustomerId(customerId), pageable);
		}
		else if (status != null) {
			page = orders.findByStatus(status, pageable);
		}
		else {
			page = orders.findAllBy(pageable);
		}
		return new PagedModel<>(page.map(OrderResponse::of));
	}

	/**
	 * The order if the caller may see it: another customer's order is as absent as one
	 * that does not exist.
	 */
	private Optional<Order> visible(OrderId id, Caller caller) {
		return management.find(id).filter(order -> caller.mayAccess(order.customerId().value()));
	}

	private static ResponseEntity<OrderResponse> created(Order order) {
		return ResponseEntity.created(URI.create("/orders/" + order.id())).body(OrderResponse.of(order));
	}

	private String fingerprint(PlaceOrderRequest request) {
		try {
			byte[] canonical = json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
