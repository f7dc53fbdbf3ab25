package dev.ordersaga.audit.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import dev.ordersaga.audit.DeadLetter;
import dev.ordersaga.audit.DeadLetterFilter;
import dev.ordersaga.audit.DeadLetterOperations;
import dev.ordersaga.audit.DeadLetterRecord;
import dev.ordersaga.audit.DeadLetterStore;
import dev.ordersaga.audit.RecordReplay;
import dev.ordersaga.audit.Sagas;
import dev.ordersaga.audit.SagaTimeline;
import dev.ordersaga.audit.persistence.DeadLetterQueries;
import dev.ordersaga.support.web.Problems;
import dev.ordersaga.support.web.RequestValidationException;

import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters with their saga, and what an operator does with them: replay or discard.
 * Every action names who took it: the request's authenticated principal, else
 * {@value #ANONYMOUS}. Dead-letter ids contain slashes ({@code topic/partition/offset}),
 * so the single-letter paths take the id as three path segments.
 */
@RestController
@RequestMapping("/dead-letters")
class DeadLetterController {

	static final String ANONYMOUS = "anonymous";

	/** Largest body {@code GET /dead-letters/{id}} shows as text; the rest is cut off. */
	private static final int MAX_PAYLOAD_CHARS = 64 * 1024;

	private final DeadLetterQueries queries;

	private final DeadLetterStore store;

	private final DeadLetterOperations operations;

	private final RecordReplay records;

	private final Sagas sagas;

	DeadLetterController(DeadLetterQueries queries, DeadLetterStore store, DeadLetterOperations operations,
			RecordReplay records, Sagas sagas) {
		this.queries = queries;
		this.store = store;
		this.operations = operations;
		this.records = records;
		this.sagas = sagas;
	}

	/**
	 * Dead letters, the latest first, each with its order's saga (state, verdict, rules,
	 * timeline).
	 * @param topic the topic the records failed on ({@code payment-events}) or its
	 * dead-letter topic
	 * @param orderId only this order's
	 * @param reason only those whose reason contains this text (any case)
	 * @param since only those dead-lettered at or after this ISO-8601 instant
	 */
	@GetMapping
	PagedModel<DeadLetterView> deadLetters(@RequestParam(required = false) String topic,
			@RequestParam(required = false) String orderId, @RequestParam(required = false) String reason,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since,
			@PageableDefault(size = 20) Pageable pageable) {
		Map<String, Optional<DeadLetterView.SagaContext>> contexts = new HashMap<>();
		return new PagedModel<>(queries.deadLetters(new DeadLetterFilter(topic, orderId, reason, since), pageable)
			.map(letter -> DeadLetterView.of(letter, letter.orderId() == null ? null
					: contexts.computeIfAbsent(letter.orderId(), this::saga).orElse(null))));
	}

	/** One dead letter with its record: key, headers and body as text. */
	@GetMapping("/{topic}/{partition}/{offset}")
	DeadLetterDetail deadLetter(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset) {
		DeadLetter letter = known(id(topic, partition, offset));
		DeadLetterView view = DeadLetterView.of(letter,
				letter.orderId() == null ? null : saga(letter.orderId()).orElse(null));
		return DeadLetterDetail.of(view, records.read(letter));
	}

	/**
	 * Republishes the record to the topic it failed on, with its key and CloudEvents
	 * headers (same {@code ce_id}) and a replay marker naming who replayed it. Safe to
	 * repeat.
	 */
	@PostMapping("/{topic}/{partition}/{offset}/replay")
	DeadLetterView replay(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset,
			@RequestBody(required = false) ReplayRequest request, Principal principal) {
		String id = id(topic, partition, offset);
		return view(act(() -> operations.replay(id, who(principal), request == null ? null : request.note())));
	}

	/**
	 * Replays every open dead letter (neither replayed nor discarded) matching the
	 * filter, oldest first, at most {@value DeadLetterOperations#BULK_LIMIT}; the filter
	 * needs at least a topic, an order or a reason.
	 */
	@PostMapping("/replay")
	BulkReplayResult replayAll(@RequestBody BulkReplayRequest request, Principal principal) {
		DeadLetterFilter filter = new DeadLetterFilter(request.topic(), request.orderId(), request.reason(), null);
		if (filter.isEmpty()) {
			throw new RequestValidationException("topic", "give a topic, an orderId or a reason to replay by");
		}
		List<DeadLetterView> replayed = act(() -> operations.replay(filter, who(principal), request.note())).stream()
			.map(this::view)
			.toList();
		return new BulkReplayResult(replayed.size(), replayed);
	}

	/** Sets the dead letter aside for good; the reason is required and recorded. */
	@PostMapping("/{topic}/{partition}/{offset}/discard")
	DeadLetterView discard(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset,
			@RequestBody(required = false) DiscardRequest request, Principal principal) {
		if (request == null || request.reason() == null || request.reason().isBlank()) {
			throw new RequestValidationException("reason", "a discard needs a reason");
		}
		String id = id(topic, partition, offset);
		return view(act(() -> operations.discard(id, who(principal), request.reason())));
	}

	/**
	 * @param note why it is replayed (optional)
	 */
	record ReplayRequest(String note) {
	}

	/**
	 * @param topic the topic the records failed on, or its dead-letter topic
	 * @param orderId one order's
	 * @param reason a piece of the reason
	 * @param note why they are replayed (optional)
	 */
	record BulkReplayRequest(String topic, String orderId, String reason, String note) {
	}

	/**
	 * @param reason why it is discarded (required)
	 */
	record DiscardRequest(String reason) {
	}

	/**
	 * @param replayed how many dead letters were replayed
	 * @param deadLetters them, with the replay recorded
	 */
	record BulkReplayResult(int replayed, List<DeadLetterView> deadLetters) {
	}

	/**
	 * {@code GET /dead-letters/{id}}.
	 *
	 * @param deadLetter the dead letter and its saga
	 * @param available whether the dead-letter topic still holds the record (retention)
	 * @param key the record key as text
	 * @param headers every header as text (the stack trace cut short)
	 * @param payload the body as text: UTF-8 as it is, anything else Base64
	 * @param payloadEncoding {@code utf-8} or {@code base64}
	 * @param payloadBytes the body's size
	 * @param payloadTruncated whether {@code payload} was cut off
	 */
	record DeadLetterDetail(DeadLetterView deadLetter, boolean available, String key, Map<String, String> headers,
			String payload, String payloadEncoding, Integer payloadBytes, boolean payloadTruncated) {

		static DeadLetterDetail of(DeadLetterView view, Optional<DeadLetterRecord> record) {
			if (record.isEmpty()) {
				return new DeadLetterDetail(view, false, null, Map.of(), null, null, null, false);
			}
			DeadLetterRecord found = record.get();
			Map<String, String> headers = new LinkedHashMap<>();
			found.headers()
				.forEach((name, value) -> headers.put(name,
						cut(text(value).orElseGet(() -> base64(value)), name.endsWith("stacktrace") ? 4_000 : 1_000)));
			byte[] body = found.payload();
			if (body == null) {
				return new DeadLetterDetail(view, true, found.key() == null ? null : text(found.key()).orElse(null),
						headers, null, null, null, false);
			}
			Optional<String> text = text(body);
			String payload = text.orElseGet(() -> base64(body));
			return new DeadLetterDetail(view, true, found.key() == null ? null : text(found.key()).orElse(null),
					headers, cut(payload, MAX_PAYLOAD_CHARS), text.isPresent() ? "utf-8" : "base64", body.length,
					payload.length() > MAX_PAYLOAD_CHARS);
		}

		/** Valid UTF-8, or empty: bytes that are not text are shown as Base64. */
		private static Optional<String> text(byte[] bytes) {
			try {
				return Optional.of(StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(bytes))
					.toString());
			}
			catch (CharacterCodingException ex) {
				return Optional.empty();
			}
		}

		private static String base64(byte[] bytes) {
			return Base64.getEncoder().encodeToString(bytes);
		}

		private static String cut(String text, int max) {
			return text.length() <= max ? text : text.substring(0, max);
		}
	}

	private DeadLetterView view(DeadLetter letter) {
		return DeadLetterView.of(letter, letter.orderId() == null ? null : saga(letter.orderId()).orElse(null));
	}

	private Optional<DeadLetterView.SagaContext> saga(String orderId) {
		return sagas.find(orderId)
			.map(saga -> DeadLetterView.SagaContext.of(saga.report(),
					SagaTimeline.of(saga.events(), saga.deadLetters())));
	}

	private DeadLetter known(String id) {
		return store.find(id).orElseThrow(() -> Problems.notFound("Dead letter", id));
	}

	private static String id(String topic, int partition, long offset) {
		return topic + "/" + partition + "/" + offset;
	}

	static String who(Principal principal) {
		return principal == null || principal.getName() == null || principal.getName().isBlank() ? ANONYMOUS
				: principal.getName();
	}

	private static <T> T act(java.util.function.Supplier<T> action) {
		try {
			return action.get();
		}
		catch (NoSuchElementException ex) {
			throw Problems.problem(HttpStatus.NOT_FOUND, "Dead letter not found", ex.getMessage());
		}
		catch (DeadLetterOperations.RefusedException ex) {
			throw Problems.conflict("Dead letter already discarded", ex.getMessage());
		}
		catch (RecordReplay.RecordGoneException ex) {
			throw Problems.problem(HttpStatus.GONE, "Record no longer in the dead-letter topic", ex.getMessage());
		}
	}

}
