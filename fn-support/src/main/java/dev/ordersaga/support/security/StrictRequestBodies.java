package dev.ordersaga.support.security;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Refuses a field that an HTTP request type does not declare (a status, a total, an
 * available credit: mass assignment, OWASP API3) instead of dropping it silently. Request
 * types are those in a service's {@code web} package; events and provider answers stay
 * tolerant readers, so one mapper serves both.
 */
public final class StrictRequestBodies extends DeserializationProblemHandler {

	@Override
	public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, ValueDeserializer<?> deserializer,
			Object beanOrClass, String propertyName) {
		Class<?> type = beanOrClass instanceof Class<?> declared ? declared
				: beanOrClass == null ? null : beanOrClass.getClass();
		if (type != null && isRequestType(type)) {
			throw UnrecognizedPropertyException.from(p, beanOrClass, propertyName,
					deserializer == null ? null : deserializer.getKnownPropertyNames());
		}
		return false;
	}

	static boolean isRequestType(Class<?> type) {
		String name = type.getPackageName();
		return name.startsWith("dev.ordersaga.") && name.endsWith(".web");
	}

}
