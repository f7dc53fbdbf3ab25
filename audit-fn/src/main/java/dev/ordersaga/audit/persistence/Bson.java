package dev.ordersaga.audit.persistence;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;

/** Small conversions between Java values and BSON documents. */
final class Bson {

	private Bson() {
	}

	static Date date(Instant instant) {
		return instant == null ? null : Date.from(instant);
	}

	static Instant instant(Document document, String field) {
		Date date = document.getDate(field);
		return date == null ? null : date.toInstant();
	}

	static int integer(Document document, String field) {
		Number number = document.get(field, Number.class);
		return number == null ? 0 : number.intValue();
	}

	static long longValue(Document document, String field) {
		Number number = document.get(field, Number.class);
		return number == null ? 0 : number.longValue();
	}

	@SuppressWarnings("unchecked")
	static List<Document> documents(Document document, String field) {
		List<Document> list = (List<Document>) document.get(field);
		return list == null ? List.of() : list;
	}

	@SuppressWarnings("unchecked")
	static List<String> strings(Document document, String field) {
		List<String> list = (List<String>) document.get(field);
		return list == null ? List.of() : list;
	}

}
