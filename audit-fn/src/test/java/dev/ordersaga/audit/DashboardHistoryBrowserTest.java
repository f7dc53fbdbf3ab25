package dev.ordersaga.audit;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatusCode;

import static dev.ordersaga.audit.DashboardBrowserTest.CHROMEDRIVER;
import static dev.ordersaga.audit.DashboardBrowserTest.CHROMIUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard remembers: audit-fn keeps the recent history of its time series, and a
 * page opened after a run draws that run at once, before the live stream adds anything.
 */
@Order(2)
class DashboardHistoryBrowserTest extends AuditFnTestBase {

	static final int ORDERS = 12;

	/** How long before the page is opened the run ended, at least. */
	static final Duration BEFORE_OPENING = Duration.ofSeconds(10);

	WebDriver browser;

	@BeforeEach
	void openBrowser() {
		assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
			.as("The browser test needs Chromium and its driver: apt-get install -y chromium chromium-driver")
			.isTrue();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1440,2000", "--lang=en-US");
		browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build(), options);
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void aPageOpenedAfterARunDrawsThatRunsThroughputAndLatencyAtOnce() {
		Instant runStarted = Instant.now();
		for (int i = 0; i < ORDERS; i++) {
			SagaScript script = SagaScript.completed(Instant.now());
			publish(script);
		}
		// the run is in the history: its throughput, and the latency of its sagas
		await().atMost(WAIT)
			.until(() -> peak(history("second"), "eventsPerSecond", runStarted) > 0
					&& peak(history("second"), "p99Ms", runStarted) > 0);
		Instant runEnded = Instant.now();
		await().atMost(WAIT).until(() -> Instant.now().isAfter(runEnded.plus(BEFORE_OPENING)));
		JsonNode kept = history("second");

		Instant opened = Instant.now();
		DevIssuer.openDashboardSignedIn(browser, port);
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		String first = wait.until(page -> {
			String value = page.findElement(By.id("chart-throughput")).getDomAttribute("data-first");
			return value == null || value.isEmpty() ? null : value;
		});

		// drawn from the history: points from before the page was opened, the run's
		// peak included
		assertThat(Instant.parse(first)).isBefore(runStarted);
		assertThat(Instant.parse(first)).isBefore(opened.minus(BEFORE_OPENING));
		assertThat(Double.parseDouble(attribute("chart-throughput", "data-peak")))
			.isGreaterThanOrEqualTo(peak(kept, "eventsPerSecond", runStarted));
		assertThat(Double.parseDouble(attribute("chart-latency", "data-peak")))
			.isGreaterThanOrEqualTo(peak(kept, "p99Ms", runStarted));
		assertThat(Integer.parseInt(attribute("chart-throughput", "data-points")))
			.isGreaterThanOrEqualTo(kept.path("points").size());
		assertThat(browser.findElements(By.cssSelector("#chart-throughput canvas"))).isNotEmpty();
	}

	@Test
	void servesADayPerMinuteAndRefusesAnUnknownResolution() {
		publish(SagaScript.completed(Instant.now()));
		await().atMost(WAIT).until(() -> history("minute").path("points").size() > 0);

		JsonNode minutes = history("minute");
		assertThat(minutes.path("resolution").asString()).isEqualTo("minute");
		JsonNode point = minutes.path("points").get(0);
		assertThat(Instant.parse(point.path("time").asString()).getEpochSecond() % 60).isZero();
		assertThat(point.has("eventsPerSecond") && point.has("p99Ms") && point.has("lag")).isTrue();

		HttpStatusCode status = http().get()
			.uri("/dashboard/history?resolution=hourly")
			.exchange((request, response) -> response.getStatusCode());
		assertThat(status.value()).isEqualTo(400);
	}

	private JsonNode history(String resolution) {
		return get("/dashboard/history?resolution=" + resolution);
	}

	private static double peak(JsonNode history, String field, Instant since) {
		return StreamSupport.stream(history.path("points").spliterator(), false)
			.filter(point -> !Instant.parse(point.path("time").asString()).isBefore(since))
			.mapToDouble(point -> point.path(field).asDouble(0))
			.max()
			.orElse(0);
	}

	private String attribute(String id, String name) {
		return browser.findElement(By.id(id)).getDomAttribute(name);
	}

}
