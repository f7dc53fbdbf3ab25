package dev.ordersaga.devstack.saga;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;

import dev.ordersaga.devstack.SagaStack;

/** The payment provider's test-mode controls and ledger (payment-sandbox/README.md). */
final class Sandbox {

	private final SagaStack stack;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	Sandbox(SagaStack stack) {
		this.stack = stack;
	}

	void outage() {
		send("POST", "/sandbox/outage", null);
	}

	void recover() {
		send("DELETE", "/sandbox/outage", null);
	}

	void latency(long millis) {
		send("PUT", "/sandbox/latency", "{\"millis\":" + millis + "}");
	}

	/**
	 * Charges the provider executed for the order that succeeded (replays of a request
	 * are not executions).
	 */
	long successfulCharges(String orderId) {
		long count = 0;
		for (JsonNode charge : send("GET", "/sandbox/charges?orderId=" + orderId, null)) {
			if ("succeeded".equals(charge.get("status").asString())) {
				count++;
			}
		}
		return count;
	}

	long refunds(String orderId) {
		return send("GET", "/sandbox/refunds?orderId=" + orderId, null).size();
	}

	private JsonNode send(String method, String path, String json) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(stack.url("payment-sandbox") + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.method(method,
					json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new IllegalStateException(method + " " + path + " answered " + response.statusCode());
			}
			return response.body().isBlank() ? SagaClient.JSON.createArrayNode()
					: SagaClient.JSON.readTree(response.body());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
