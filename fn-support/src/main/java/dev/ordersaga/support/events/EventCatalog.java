package dev.ordersaga.support.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code ce_type}s one service reads or writes, each mapped to the record that
 * represents it in that service. Types missing from a catalog are ignored on input
 * (tolerant reader) and rejected on output.
 *
 * @param <T> the sealed event family, e.g. {@code CreditEvent}
 */
public final class EventCatalog<T> {

	private final Map<String, Class<? extends T>> classesByType;

	private final Map<Class<?>, String> typesByClass = new LinkedHashMap<>();

	private EventCatalog(Map<String, Class<? extends T>> classesByType) {
		this.classesByType = Map.copyOf(classesByType);
		classesByType.forEach((type, clazz) -> typesByClass.put(clazz, type));
	}

	public static <T> Builder<T> of(Class<T> family) {
		return new Builder<>();
	}

	public Optional<Class<? extends T>> classOf(String type) {
		return Optional.ofNullable(classesByType.get(type));
	}

	public String typeOf(T event) {
		String type = typesByClass.get(event.getClass());
		if (type == null) {
			throw new IllegalArgumentException("No ce_type registered for " + event.getClass().getName());
		}
		return type;
	}

	public java.util.Set<String> types() {
		return classesByType.keySet();
	}

	public static final class Builder<T> {

		private final Map<String, Class<? extends T>> classesByType = new LinkedHashMap<>();

		public Builder<T> type(String ceType, Class<? extends T> recordClass) {
			classesByType.put(ceType, recordClass);
			return this;
		}

		public EventCatalog<T> build() {
			return new EventCatalog<>(classesByType);
		}

	}

}
