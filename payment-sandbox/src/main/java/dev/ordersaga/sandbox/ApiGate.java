package dev.ordersaga.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What stands in front of the {@code /v1} API, in the order a real provider's edge
 * applies it: an outage refuses everything, then the configured latency, then the API key
 * check. Every request is logged with its outcome ({@link Ledger#requests}).
 */
class ApiGate extends OncePerRequestFilter {

	/** Request attribute through which the API names the order a request was about. */
	static final String ORDER_ID = ApiGate.class.getName() + ".orderId";

	/** Request attribute through which the API tells whether it executed or replayed. */
	static final String OUTCOME = ApiGate.class.getName() + ".outcome";

	private final SandboxState state;

	private final SandboxProperties properties;

	private final Ledger ledger;

	ApiGate(SandboxState state, SandboxProperties properties, Ledger ledger) {
		this.state = state;
		this.properties = properties;
		this.ledger = ledger;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Instant at = Instant.now();
		try {
			SandboxState.OutageMode outage = state.outage();
			if (outage != null) {
				refuse(request, response, outage);
				return;
			}
			delay();
			String apiKey = apiKey(request);
			if (apiKey == null || !properties.apiKeys().contains(apiKey)) {
				request.setAttribute(OUTCOME, ApiRequest.REFUSED);
				write(response,
						ApiAnswer.error(401, "authentication_error", "api_key_invalid",
								apiKey == null ? "No API key provided: use 'Authorization: Bearer sk_test_...'."
										: "Invalid API key provided: " + redact(apiKey),
								null));
				return;
			}
			chain.doFilter(request, response);
		}
		finally {
			ledger.log(new ApiRequest(at, request.getMethod(), request.getRequestURI(),
					request.getHeader("Idempotency-Key"), (String) request.getAttribute(ORDER_ID), response.getStatus(),
					outcome(request, response), request.getHeader("traceparent")));
		}
	}

	/**
	 * Nothing is executed during an outage, whatever the mode: in {@code TIMEOUT} mode
	 * the request is held first (the client gives up), then refused even if the provider
	 * came back meanwhile; in {@code SERVER_ERROR} mode it is failed with 500 instead of
	 * refused with 503.
	 */
	private void refuse(HttpServletRequest request, HttpServletResponse response, SandboxState.OutageMode mode)
			throws IOException {
		if (mode == SandboxState.OutageMode.TIMEOUT) {
			try {
				state.holdWhileDown(properties.outageHold());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		request.setAttribute(OUTCOME, ApiRequest.REFUSED);
		if (mode == SandboxState.OutageMode.SERVER_ERROR) {
			write(response, ApiAnswer.error(500, "api_error", null,
					"An unexpected error occurred on the provider's side (sandbox outage).", null));
			return;
		}
		write(response, ApiAnswer.error(503, "api_error", "service_unavailable",
				"The payment provider is temporarily unavailable (sandbox outage). Retry later.", null));
	}

	/**
	 * Before the request executes, and regardless of the client: a client that gives up
	 * waiting is still charged once the delay is over, like with a slow real provider.
	 */
	private void delay() {
		Duration latency = state.latency();
		if (latency.isPositive()) {
			try {
				Thread.sleep(latency);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static String apiKey(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.startsWith("Bearer ")
				? authorization.substring("Bearer ".length()).strip() : null;
	}

	private static String redact(String key) {
		return key.length() <= 8 ? "****" : key.substring(0, 8) + "****";
	}

	private static String outcome(HttpServletRequest request, HttpServletResponse response) {
		Object outcome = request.getAttribute(OUTCOME);
		if (outcome != null) {
			return outcome.toString();
		}
		return response.getStatus() >= 400 ? ApiRequest.REJECTED : ApiRequest.EXECUTED;
	}

	static void write(HttpServletResponse response, ApiAnswer answer) throws IOException {
		response.setStatus(answer.status());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getOutputStream().write(answer.body().getBytes(StandardCharsets.UTF_8));
	}

}
