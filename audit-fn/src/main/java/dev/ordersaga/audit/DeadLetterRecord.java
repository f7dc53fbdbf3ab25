package dev.ordersaga.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dead letter's record as the dead-letter topic holds it: key, body and headers, bytes
 * as they are.
 *
 * @param key the record key, or {@code null}
 * @param payload the record body, or {@code null}
 * @param headers every header, in record order (a repeated header: its last value)
 */
public record DeadLetterRecord(byte[] key, byte[] payload, Map<String, byte[]> headers) {

	public DeadLetterRecord {
		headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
	}

}
