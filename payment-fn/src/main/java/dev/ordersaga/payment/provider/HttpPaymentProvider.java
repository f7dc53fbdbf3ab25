package dev.ordersaga.payment.provider;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.payment.OrderId;
import dev.ordersaga.payment.PaymentProvider;
import dev.ordersaga.payment.ProviderUnavailableException;
import dev.ordersaga.payment.RefundFailedException;
import dev.ordersaga.support.money.Money;

import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The provider's HTTP API, one request per call and no protection (see
 * {@link ResilientPaymentProvider}). Reads every answer itself, so that nothing the
 * provider sends can escape as an unexpected exception:
 * <ul>
 * <li>200 with a charge of the requested money that succeeded: charged. 200 with anything
 * else (malformed, not {@code succeeded}, another amount): unknown, to be reconciled by a
 * search.</li>
 * <li>402 card_error: declined. 400 {@code invalid_token}: declined too, since the
 * customer's payment method is unusable and retrying cannot change that. Other 4xx
 * answers: failed (the provider refused the request without executing it).</li>
 * <li>500 and other server errors: {@link RequestServerErrorException} for a charge or a
 * refund, {@link ProviderServerErrorException} for a search (both retried; only the
 * latter counts in the circuit breaker).</li>
 * <li>No connection, timeouts, 502/503/504, 408, 409, 425, 429, and 401/403/404 that make
 * every request fail the same way (bad key, wrong base URL):
 * {@link ProviderUnavailableException}, the payment waits until the provider
 * answers.</li>
 * </ul>
 */
public class HttpPaymentProvider implements PaymentProvider {

	/**
	 * Answers that say nothing about the request but everything about the provider (or
	 * our access to it).
	 */
	private static final Set<Integer> UNAVAILABLE = Set.of(401, 403, 404, 408, 409, 425, 429, 502, 503, 504);

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ChargeBody(long amount, String currency, String source, String description, Map<String, String> metadata) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ChargeReply(String id, String status, Long amount, String currency, Boolean refunded) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record SearchReply(List<ChargeReply> data) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record RefundBody(String charge, long amount) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record RefundReply(String id, String status) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ErrorReply(Error error) {

		@JsonIgnoreProperties(ignoreUnknown = true)
		record Error(String type, String code, @JsonProperty("decline_code") String declineCode, String message) {
		}
	}

	/** An HTTP answer, read completely. */
	record Reply(int status, byte[] body) {

		String text() {
			return new String(body, StandardCharsets.UTF_8);
		}
	}

	private final RestClient http;

	private final JsonMapper json;

	public HttpPaymentProvider(RestClient http, JsonMapper json) {
		this.http = http;
		this.json = json;
	}

	@Override
	public ChargeOutcome charge(ChargeRequest request) {
		ChargeBody body = new ChargeBody(request.amount().amount(), request.amount().currency(),
				request.paymentMethod(), "Order " + request.orderId(), Map.of("orderId", request.orderId().toString()));
		Reply reply = send("charge of order " + request.orderId(),
				http.post()
					.uri("/v1/charges")
					.header("Idempotency-Key", request.idempotencyKey())
					.contentType(MediaType.APPLICATION_JSON)
					.body(body));
		return switch (reply.status()) {
			case 200 -> charged(reply, request);
			case 402 -> {
				ErrorReply.Error error = error(reply);
				String code = error.code() == null ? "card_declined" : error.code();
				yield new ChargeOutcome.Declined(error.declineCode() == null ? code : code + "/" + error.declineCode(),
						String.valueOf(error.message()));
			}
			case 400, 422 -> {
				ErrorReply.Error error = error(reply);
				yield "invalid_token".equals(error.code())
						? new ChargeOutcome.Declined("invalid_token", String.valueOf(error.message()))
						: new ChargeOutcome.Failed("provider refused the request: " + describe(reply));
			}
			default -> {
				if (reply.status() < 400) {
					yield new ChargeOutcome.Unknown("unexpected provider answer " + describe(reply));
				}
				if (reply.status() < 500 && !UNAVAILABLE.contains(reply.status())) {
					yield new ChargeOutcome.Failed("unexpected provider answer " + describe(reply));
				}
				throw failure("charge of order " + request.orderId(), reply, false);
			}
		};
	}

	@Override
	public List<ProviderCharge> findCharges(OrderId orderId) {
		String what = "search for the charges of order " + orderId;
		Reply reply = send(what,
				http.get().uri("/v1/charges/search?query={query}", "metadata['orderId']:'" + orderId + "'"));
		if (reply.status() != 200) {
			if (reply.status() >= 500 || UNAVAILABLE.contains(reply.status())) {
				throw failure(what, reply, true);
			}
			throw new IllegalStateException(what + " refused: " + describe(reply));
		}
		SearchReply result = read(reply, SearchReply.class);
		if (result == null || result.data() == null || result.data()
			.stream()
			.anyMatch(c -> c == null || !hasText(c.id()) || c.amount() == null
					|| !Money.isIsoCurrency(c.currency() == null ? null : c.currency().toUpperCase(Locale.ROOT)))) {
			// not knowing what the provider holds is no answer: ask again later
			throw new ProviderServerErrorException(what + ": malformed provider response " + describe(reply));
		}
		return result.data()
			.stream()
			.map(charge -> new ProviderCharge(charge.id(),
					Money.of(charge.amount(), charge.currency().toUpperCase(Locale.ROOT)), state(charge.status()),
					Boolean.TRUE.equals(charge.refunded())))
			.toList();
	}

	private static ChargeState state(String status) {
		if ("succeeded".equals(status)) {
			return ChargeState.SUCCEEDED;
		}
		return "failed".equals(status) ? ChargeState.FAILED : ChargeState.PENDING;
	}

	@Override
	public Refunded refund(RefundRequest request) {
		String what = "refund of order " + request.orderId() + " (charge " + request.chargeReference() + ")";
		Reply reply = send(what,
				http.post()
					.uri("/v1/refunds")
					.header("Idempotency-Key", request.idempotencyKey())
					.contentType(MediaType.APPLICATION_JSON)
					.body(new RefundBody(request.chargeReference(), request.amount().amount())));
		if (reply.status() == 200) {
			RefundReply refund = read(reply, RefundReply.class);
			if (refund == null || !hasText(refund.id()) || !"succeeded".equals(refund.status())) {
				throw new RefundFailedException(what + ": malformed provider response " + describe(reply), false);
			}
			return new Refunded(refund.id());
		}
		boolean answered = reply.status() >= 400 && reply.status() < 500
				&& (!UNAVAILABLE.contains(reply.status()) || isProviderError(reply, "resource_missing"));
		if (answered) {
			throw new RefundFailedException(what + " refused: " + describe(reply), true);
		}
		throw failure(what, reply, false);
	}

	private ChargeOutcome charged(Reply reply, ChargeRequest request) {
		ChargeReply charge = read(reply, ChargeReply.class);
		if (charge == null || !hasText(charge.id())) {
			return new ChargeOutcome.Unknown("malformed provider response: " + describe(reply));
		}
		if (!"succeeded".equals(charge.status())) {
			return new ChargeOutcome.Unknown("provider answered charge " + charge.id() + " with status "
					+ charge.status() + " instead of succeeded");
		}
		boolean sameMoney = (charge.amount() == null || charge.amount() == request.amount().amount())
				&& (charge.currency() == null || charge.currency().equalsIgnoreCase(request.amount().currency()));
		if (!sameMoney) {
			return new ChargeOutcome.Unknown("provider charged " + charge.amount() + " " + charge.currency()
					+ " instead of " + request.amount() + " (charge " + charge.id() + ")");
		}
		return new ChargeOutcome.Charged(charge.id());
	}

	private Reply send(String what, RestClient.RequestHeadersSpec<?> request) {
		try {
			return request.exchange(
					(req, response) -> new Reply(response.getStatusCode().value(), response.getBody().readAllBytes()));
		}
		catch (ResourceAccessException ex) {
			throw new ProviderUnavailableException(what + ": provider unreachable (" + rootMessage(ex) + ")", ex);
		}
	}

	/**
	 * @param read whether the request only reads: a server error then says the provider
	 * fails, not that this request does
	 */
	private RuntimeException failure(String what, Reply reply, boolean read) {
		if (UNAVAILABLE.contains(reply.status())) {
			return new ProviderUnavailableException(what + ": provider answered " + describe(reply));
		}
		String message = what + ": provider failed with " + describe(reply);
		return read ? new ProviderServerErrorException(message) : new RequestServerErrorException(message);
	}

	private <T> T read(Reply reply, Class<T> type) {
		try {
			return json.readValue(reply.body(), type);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private ErrorReply.Error error(Reply reply) {
		ErrorReply error = read(reply, ErrorReply.class);
		return error == null || error.error() == null ? new ErrorReply.Error(null, null, null, null) : error.error();
	}

	private boolean isProviderError(Reply reply, String code) {
		return code.equals(error(reply).code());
	}

	/** Status and the provider's error, or the start of the body when it is not one. */
	private String describe(Reply reply) {
		ErrorReply.Error error = error(reply);
		if (error.type() != null || error.code() != null) {
			return reply.status() + " " + error.type() + (error.code() == null ? "" : "/" + error.code()) + ": "
					+ error.message();
		}
		String text = reply.text().strip();
		return reply.status()
				+ (text.isEmpty() ? "" : " " + (text.length() > 200 ? text.substring(0, 200) + "…" : text));
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage() == null ? root.getClass().getSimpleName()
				: root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
