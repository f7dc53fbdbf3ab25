package dev.ordersaga.sandbox;

import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The provider's API in test mode, modelled on Stripe's (JSON bodies instead of form
 * encoding, ISO-4217 currency codes as sent). Every {@code POST} honours
 * {@code Idempotency-Key}: the first request executes, later ones with the same key and
 * parameters get the stored answer with {@code Idempotent-Replayed: true} and execute
 * nothing.
 */
@RestController
@RequestMapping(path = "/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class ProviderApi {

	private static final Logger log = LoggerFactory.getLogger(ProviderApi.class);

	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	private static final Pattern METADATA_QUERY = Pattern.compile("^metadata\\['([A-Za-z0-9_]+)'\\]:'([^']*)'$");

	/**
	 * Body of {@code POST /v1/charges}.
	 *
	 * @param amount minor units of {@code currency}, at least 1
	 * @param source a test token, e.g. {@code tok_visa}
	 * @param metadata free key/value pairs; {@code orderId} makes the charge findable by
	 * order
	 */
	record ChargeParams(Long amount, String currency, String source, String description, Map<String, String> metadata) {
	}

	/**
	 * Body of {@code POST /v1/refunds}.
	 *
	 * @param amount optional; the sandbox refunds whole charges only
	 */
	record RefundParams(String charge, Long amount) {
	}

	private final Ledger ledger;

	private final JsonMapper json;

	ProviderApi(Ledger ledger, JsonMapper json) {
		this.ledger = ledger;
		this.json = json;
	}

	@PostMapping(path = "/charges", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> charge(@RequestBody ChargeParams params,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			HttpServletRequest request) {
		String orderId = params.metadata() == null ? null : params.metadata().get("orderId");
		request.setAttribute(ApiGate.ORDER_ID, orderId);
		ApiAnswer invalid = validate(params);
		if (invalid != null) {
			return answer(invalid, request);
		}
		return answer(ledger.idempotent(idempotencyKey, fingerprint("charges", params),
				() -> executeCharge(params, orderId, idempotencyKey)), request);
	}

	@GetMapping("/charges/{id}")
	ResponseEntity<String> charge(@PathVariable String id, HttpServletRequest request) {
		return answer(ledger.charge(id).map(charge -> {
			request.setAttribute(ApiGate.ORDER_ID, charge.orderId());
			return ApiAnswer.ok(chargeBody(charge));
		}).orElseGet(() -> missing("charge", id)), request);
	}

	/**
	 * Stripe's search syntax, restricted to what the sandbox supports:
	 * {@code metadata['key']:'value'}.
	 */
	@GetMapping("/charges/search")
	ResponseEntity<String> search(@RequestParam String query, HttpServletRequest request) {
		Matcher matcher = METADATA_QUERY.matcher(query.strip());
		if (!matcher.matches()) {
			return answer(
					invalidParameter("query", "The sandbox supports only queries of the form metadata['key']:'value'"),
					request);
		}
		if ("orderId".equals(matcher.group(1))) {
			request.setAttribute(ApiGate.ORDER_ID, matcher.group(2));
		}
		List<Map<String, Object>> data = ledger.chargesWithMetadata(matcher.group(1), matcher.group(2))
			.stream()
			.map(ProviderApi::chargeBody)
			.toList();
		return answer(ApiAnswer.ok(Map.of("object", "search_result", "data", data, "has_more", false)), request);
	}

	@PostMapping(path = "/refunds", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> refund(@RequestBody RefundParams params,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			HttpServletRequest request) {
		if (params.charge() == null || params.charge().isBlank()) {
			return answer(missingParameter("charge"), request);
		}
		ledger.charge(params.charge()).ifPresent(charge -> request.setAttribute(ApiGate.ORDER_ID, charge.orderId()));
		return answer(ledger.idempotent(idempotencyKey, fingerprint("refunds", params),
				() -> executeRefund(params, idempotencyKey)), request);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<String> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		return answer(ApiAnswer.error(400, "invalid_request_error", "parameter_invalid",
				"The request body is not valid JSON of the expected shape", null), request);
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<String> missing(MissingServletRequestParameterException ex, HttpServletRequest request) {
		return answer(missingParameter(ex.getParameterName()), request);
	}

	private ApiAnswer executeCharge(ChargeParams params, String orderId, String idempotencyKey) {
		TestToken token = TestToken.of(params.source()).orElse(null);
		if (token == null) {
			log.info("Charge refused: unknown token {}", params.source());
			return ApiAnswer.error(400, "invalid_request_error", "invalid_token",
					"No such token: '" + params.source() + "'", Map.of("param", "source"));
		}
		return switch (token.behaviour()) {
			case SUCCEED -> {
				Charge charge = newCharge(params, orderId, idempotencyKey, Charge.SUCCEEDED, null);
				log.info("Charged {} {} {} for order {} ({})", charge.id(), charge.amount(), charge.currency(), orderId,
						token.token());
				yield ApiAnswer.ok(chargeBody(charge));
			}
			case DECLINE -> {
				Charge charge = newCharge(params, orderId, idempotencyKey, Charge.FAILED, token.declineCode());
				log.info("Declined {} for order {}: {}", charge.id(), orderId, token.declineCode());
				Map<String, Object> extra = new LinkedHashMap<>();
				if (token.declineReason() != null) {
					extra.put("decline_code", token.declineReason());
				}
				extra.put("charge", charge.id());
				yield ApiAnswer.error(402, "card_error", token.declineCode(), declineMessage(token), extra);
			}
			case SUCCEED_THEN_FAIL -> {
				Charge charge = newCharge(params, orderId, idempotencyKey, Charge.SUCCEEDED, null);
				log.info("Charged {} {} {} for order {}, answering 500 ({})", charge.id(), charge.amount(),
						charge.currency(), orderId, token.token());
				yield ApiAnswer.error(500, "api_error", null,
						"An unexpected error occurred on the provider's side (sandbox " + token.token() + ").", null);
			}
			case FAIL -> {
				log.info("Failing charge for order {} with 500 ({})", orderId, token.token());
				yield ApiAnswer.error(500, "api_error", null,
						"An unexpected error occurred on the provider's side (sandbox " + token.token() + ").", null);
			}
			case MALFORMED -> ApiAnswer.malformed("{\"id\":\"" + newId("ch_") + "\",\"object\":\"charge\",\"status\":");
		};
	}

	private Charge newCharge(ChargeParams params, String orderId, String idempotencyKey, String status,
			String failureCode) {
		Charge charge = new Charge(newId("ch_"), orderId, params.amount(), params.currency(), params.source(), status,
				failureCode, idempotencyKey, Instant.now(), false);
		ledger.record(charge);
		return charge;
	}

	private ApiAnswer executeRefund(RefundParams params, String idempotencyKey) {
		Charge charge = ledger.charge(params.charge()).orElse(null);
		if (charge == null) {
			return missing("charge", params.charge());
		}
		if (!charge.succeeded()) {
			return ApiAnswer.error(400, "invalid_request_error", "charge_not_refundable",
					"Charge " + charge.id() + " did not succeed; there is nothing to refund.",
					Map.of("param", "charge"));
		}
		if (ledger.isRefunded(charge.id())) {
			return ApiAnswer.error(400, "invalid_request_error", "charge_already_refunded",
					"Charge " + charge.id() + " has already been refunded.", Map.of("param", "charge"));
		}
		if (params.amount() != null && params.amount() != charge.amount()) {
			return invalidParameter("amount", "The sandbox refunds whole charges only (" + charge.amount() + ")");
		}
		Refund refund = new Refund(newId("re_"), charge.id(), charge.orderId(), charge.amount(), charge.currency(),
				idempotencyKey, Instant.now());
		ledger.record(refund);
		log.info("Refunded {} ({} {}) of order {} as {}", charge.id(), charge.amount(), charge.currency(),
				charge.orderId(), refund.id());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", refund.id());
		body.put("object", "refund");
		body.put("amount", refund.amount());
		body.put("currency", refund.currency());
		body.put("charge", refund.chargeId());
		body.put("status", "succeeded");
		body.put("created", refund.created().getEpochSecond());
		return ApiAnswer.ok(body);
	}

	private static ApiAnswer validate(ChargeParams params) {
		if (params.amount() == null) {
			return missingParameter("amount");
		}
		if (params.amount() < 1) {
			return invalidParameter("amount", "Amount must be at least 1 minor unit");
		}
		if (params.currency() == null) {
			return missingParameter("currency");
		}
		if (Currency.getAvailableCurrencies().stream().noneMatch(c -> c.getCurrencyCode().equals(params.currency()))) {
			return invalidParameter("currency", "Invalid currency: " + params.currency());
		}
		if (params.source() == null || params.source().isBlank()) {
			return missingParameter("source");
		}
		return null;
	}

	static Map<String, Object> chargeBody(Charge charge) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", charge.id());
		body.put("object", "charge");
		body.put("amount", charge.amount());
		body.put("currency", charge.currency());
		body.put("status", charge.status());
		body.put("paid", charge.succeeded());
		body.put("refunded", charge.refunded());
		body.put("failure_code", charge.failureCode());
		body.put("metadata", charge.orderId() == null ? Map.of() : Map.of("orderId", charge.orderId()));
		body.put("created", charge.created().getEpochSecond());
		body.put("livemode", false);
		return body;
	}

	private static String declineMessage(TestToken token) {
		return switch (token) {
			case INSUFFICIENT_FUNDS -> "Your card has insufficient funds.";
			case EXPIRED_CARD -> "Your card has expired.";
			default -> "Your card was declined.";
		};
	}

	private String fingerprint(String endpoint, ChargeParams params) {
		Map<String, String> metadata = params.metadata() == null ? Map.of() : new TreeMap<>(params.metadata());
		return endpoint + ' ' + json.writeValueAsString(
				new ChargeParams(params.amount(), params.currency(), params.source(), params.description(), metadata));
	}

	private String fingerprint(String endpoint, RefundParams params) {
		return endpoint + ' ' + json.writeValueAsString(params);
	}

	private static ApiAnswer missing(String resource, String id) {
		return ApiAnswer.error(404, "invalid_request_error", "resource_missing",
				"No such " + resource + ": '" + id + "'", Map.of("param", resource));
	}

	private static ApiAnswer missingParameter(String name) {
		return ApiAnswer.error(400, "invalid_request_error", "parameter_missing",
				"Missing required param: " + name + ".", Map.of("param", name));
	}

	private static ApiAnswer invalidParameter(String name, String message) {
		return ApiAnswer.error(400, "invalid_request_error", "parameter_invalid", message, Map.of("param", name));
	}

	private static ResponseEntity<String> answer(ApiAnswer answer, HttpServletRequest request) {
		request.setAttribute(ApiGate.OUTCOME, answer.replayed() ? ApiRequest.REPLAYED
				: answer.storable() ? ApiRequest.EXECUTED : ApiRequest.REJECTED);
		ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status())
			.contentType(MediaType.APPLICATION_JSON);
		if (answer.replayed()) {
			response.header(IDEMPOTENT_REPLAYED, "true");
		}
		return response.body(answer.body());
	}

	private static String newId(String prefix) {
		return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
	}

}
