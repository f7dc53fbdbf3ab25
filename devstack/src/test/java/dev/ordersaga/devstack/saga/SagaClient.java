package dev.ordersaga.devstack.saga;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.devstack.DevTokens;
import dev.ordersaga.devstack.SagaStack;

import static org.awaitility.Awaitility.await;

/**
 * What a client of the public HTTP API (ARCHITECTURE §7) does, against the running stack.
 */
final class SagaClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final SagaStack stack;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	SagaClient(SagaStack stack) {
		this.stack = stack;
	}

	record Response(int status, JsonNode body, String location, java.net.http.HttpHeaders headers) {

		String header(String name) {
			return headers.firstValue(name).orElse(null);
		}

	}

	/**
	 * POST as an operator (token from the stack's issuer), unless {@code headers} name an
	 * {@code Authorization} of their own.
	 */
	Response post(String service, String path, String json, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url(service) + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		boolean authorized = false;
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
			authorized |= headers[i].equalsIgnoreCase("Authorization");
		}
		if (!authorized) {
			request.header("Authorization", stack.tokens().operator());
		}
		return send(request.build());
	}

	/** GET as an operator. */
	Response get(String service, String path) {
		return get(service, path, stack.tokens().operator());
	}

	/** GET with {@code authorization} ({@code Bearer …}), or none if {@code null}. */
	Response get(String service, String path, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url(service) + path))
			.timeout(Duration.ofSeconds(30))
			.GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	/**
	 * Any request with {@code authorization} ({@code Bearer …}), or none if {@code null};
	 * {@code json} may be {@code null}.
	 */
	Response send(String method, String service, String path, String json, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url(service) + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	/** Tokens of the stack's issuer. */
	DevTokens tokens() {
		return stack.tokens();
	}

	private Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			JsonNode body = response.body().isBlank() ? null : JSON.readTree(response.body());
			return new Response(response.statusCode(), body, response.headers().firstValue("Location").orElse(null),
					response.headers());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Customer(String id, String email) {
	}

	/** Registers a customer with {@code limit} KRW of credit; returns the customer id. */
	String customer(long limit) {
		return registeredCustomer(limit).id();
	}

	/**
	 * Registers a customer with a mailbox of their own and {@code limit} KRW of credit.
	 */
	Customer registeredCustomer(long limit) {
		String email = "customer-" + UUID.randomUUID() + "@example.com";
		Response response = post("customer-fn", "/customers", """
				{"name":"Customer One","email":"%s","locale":"ko",
				 "creditLimit":{"amount":%d,"currency":"KRW"}}""".formatted(email, limit), "Authorization",
				stack.tokens().storefront());
		if (response.status() != 201) {
			throw new IllegalStateException(
					"Registering a customer answered " + response.status() + ": " + response.body());
		}
		return new Customer(response.body().get("customerId").asString(), email);
	}

	static String orderBody(String customerId, long unitPrice, String paymentMethod) {
		return """
				{"customerId":"%s","paymentMethod":"%s",
				 "lines":[{"sku":"BOOK-1","quantity":1,"unitPrice":{"amount":%d,"currency":"KRW"}}]}"""
			.formatted(customerId, paymentMethod, unitPrice);
	}

	/**
	 * Places an order as an operator (not rate-limited: tests place hundreds at once for
	 * one customer).
	 */
	Response placeOrder(String customerId, long unitPrice) {
		return post("order-fn", "/orders", orderBody(customerId, unitPrice, "tok_visa"));
	}

	/** Places an order and returns its id, failing unless the API accepted it. */
	String order(String customerId, long unitPrice) {
		return order(customerId, unitPrice, "tok_visa");
	}

	/**
	 * Places an order paid with the sandbox token {@code paymentMethod}; returns its id.
	 */
	String order(String customerId, long unitPrice, String paymentMethod) {
		Response response = post("order-fn", "/orders", orderBody(customerId, unitPrice, paymentMethod));
		if (response.status() != 201) {
			throw new IllegalStateException("Placing an order answered " + response.status() + ": " + response.body());
		}
		return response.body().get("orderId").asString();
	}

	JsonNode order(String orderId) {
		return get("order-fn", "/orders/" + orderId).body();
	}

	String status(String orderId) {
		JsonNode order = order(orderId);
		return order == null || order.get("status") == null ? null : order.get("status").asString();
	}

	/** Every status the order went through, in order. */
	List<String> history(String orderId) {
		List<String> statuses = new ArrayList<>();
		order(orderId).get("history").forEach(change -> statuses.add(change.get("status").asString()));
		return statuses;
	}

	/**
	 * Waits until the order's saga decided on its credit: approved (and possibly beyond)
	 * or cancelled.
	 */
	String awaitCreditDecision(String orderId) {
		await().atMost(Duration.ofSeconds(60)).until(() -> history(orderId).size() > 1);
		return history(orderId).get(1);
	}

	/** Waits until the order reached COMPLETED or CANCELLED and returns which. */
	String awaitTerminal(String orderId, Duration within) {
		await().atMost(within).until(() -> List.of("COMPLETED", "CANCELLED").contains(status(orderId)));
		return status(orderId);
	}

	long availableCredit(String customerId) {
		return get("customer-fn", "/customers/" + customerId).body().get("availableCredit").get("amount").asLong();
	}

}
