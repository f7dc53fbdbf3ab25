package dev.ordersaga.support.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic event ids. Each saga step emits a given event type at most once per
 * aggregate, so the pair (subject, type) names the event: handling the same input twice
 * yields the same {@code ce_id}, and consumers recognise the second copy as a duplicate.
 */
public final class EventIds {

	private EventIds() {
	}

	public static String of(String subject, String type) {
		return UUID.nameUUIDFromBytes((subject + '\u0000' + type).getBytes(StandardCharsets.UTF_8)).toString();
	}

}
