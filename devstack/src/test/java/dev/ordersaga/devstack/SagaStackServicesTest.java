package dev.ordersaga.devstack;

import dev.ordersaga.devstack.saga.E2e;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The harness runs every service as its own JVM against the shared infrastructure and
 * restarts one alone.
 */
class SagaStackServicesTest {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private SagaStack stack;

	@BeforeEach
	void everythingRuns() {
		stack = E2e.stack();
	}

	@Test
	void everyServiceIsReadyAndDescribesItsApi() {
		for (SagaService service : SagaService.values()) {
			String url = stack.url(service.id());

			assertThat(status(stack.managementUrl(service.id()) + "/actuator/health/readiness"))
				.as(service.id() + " readiness")
				.isEqualTo(200);
			if (service.hasManagementPort()) {
				// the API port serves no actuator
				assertThat(status(url + "/actuator/health")).as(service.id() + " actuator on the API port")
					.isEqualTo(404);
			}
			if (service == SagaService.AUDIT_FN) {
				// everything of audit-fn, its API description included, is for operators
				assertThat(status(url + "/v3/api-docs")).as(service.id() + " OpenAPI description").isEqualTo(401);
			}
			else if (service != SagaService.PAYMENT_SANDBOX && service != SagaService.AUTH_SERVER) {
				// the sandbox plays a third party's API, which documents itself elsewhere
				assertThat(status(url + "/v3/api-docs")).as(service.id() + " OpenAPI description").isEqualTo(200);
			}
		}
	}

	@Test
	void stoppingOneServiceLeavesTheOthersRunningAndItComesBackReady() {
		String customers = stack.managementUrl("customer-fn");

		stack.stopService("customer-fn");

		assertThat(stack.isRunning("customer-fn")).isFalse();
		assertThat(status(customers + "/actuator/health/readiness")).isEqualTo(-1);
		assertThat(status(stack.managementUrl("order-fn") + "/actuator/health/readiness")).isEqualTo(200);

		stack.startService("customer-fn");

		assertThat(stack.isRunning("customer-fn")).isTrue();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(status(customers + "/actuator/health/readiness")).isEqualTo(200));
	}

	/** HTTP status of a GET, or -1 if nothing answers. */
	private int status(String url) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException e) {
			return -1;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

}
