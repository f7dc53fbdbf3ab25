package dev.ordersaga.devstack.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.devstack.DevTokens;

/**
 * JSON over HTTP on loopback, as an outside client sees the services. A request that
 * cannot be sent (a service down) answers status 0 instead of throwing: under faults that
 * is an expected answer, not an error of the run.
 */
final class Http {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	record Answer(int status, JsonNode body) {

		boolean ok() {
			return status >= 200 && status < 300;
		}

	}

	Answer get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build());
	}

	Answer send(String method, String url, String json, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.method(method,
					json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request.build());
	}

	/** A GET that must succeed; fails the check otherwise. */
	JsonNode require(String url) {
		Answer answer = get(url);
		if (!answer.ok()) {
			throw new IllegalStateException("GET " + url + " answered " + answer.status());
		}
		return answer.body();
	}

	/**
	 * Every element of a Spring Data {@code PagedModel} listing ({@code content} +
	 * {@code page}), page by page, at most {@code maxPages} pages.
	 */
	List<JsonNode> allPages(String url, int pageSize, int maxPages) {
		List<JsonNode> all = new ArrayList<>();
		String separator = url.contains("?") ? "&" : "?";
		for (int page = 0; page < maxPages; page++) {
			JsonNode body = require(url + separator + "size=" + pageSize + "&page=" + page);
			body.path("content").forEach(all::add);
			if (page + 1 >= body.path("page").path("totalPages").asInt(0)) {
				break;
			}
		}
		return all;
	}

	private Answer send(HttpRequest request) {
		try {
			HttpResponse<String> response = client.send(DevTokens.withOperator(request),
					HttpResponse.BodyHandlers.ofString());
			JsonNode body = response.body().isBlank() ? JSON.missingNode() : readOrMissing(response.body());
			return new Answer(response.statusCode(), body);
		}
		catch (IOException ex) {
			return new Answer(0, JSON.missingNode());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static JsonNode readOrMissing(String body) {
		try {
			return JSON.readTree(body);
		}
		catch (RuntimeException notJson) {
			return JSON.missingNode();
		}
	}

}
