package dev.ordersaga.support.security;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.support.web.RequestBodyForTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictRequestBodiesTest {

	/**
	 * Like Spring Boot's mapper: unknown properties are ignored unless the handler
	 * objects.
	 */
	final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.addHandler(new StrictRequestBodies())
		.build();

	record EventForTest(String name) {
	}

	@Test
	void refusesAFieldARequestTypeDoesNotDeclare() {
		assertThatThrownBy(() -> json.readValue("{\"name\":\"x\",\"status\":\"PAID\"}", RequestBodyForTest.class))
			.isInstanceOf(UnrecognizedPropertyException.class)
			.satisfies(ex -> assertThat(((UnrecognizedPropertyException) ex).getPropertyName()).isEqualTo("status"));
		assertThat(json.readValue("{\"name\":\"x\"}", RequestBodyForTest.class).name()).isEqualTo("x");
	}

	@Test
	void leavesEventsTolerant() {
		assertThat(json.readValue("{\"name\":\"x\",\"addedLater\":1}", EventForTest.class).name()).isEqualTo("x");
	}

}
