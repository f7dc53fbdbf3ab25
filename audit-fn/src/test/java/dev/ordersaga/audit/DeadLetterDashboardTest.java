package dev.ordersaga.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import static dev.ordersaga.audit.DeadLetterOperationsTest.bytes;
import static dev.ordersaga.audit.DeadLetterOperationsTest.deadLetterHeaders;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's dead-letter table in a real headless Chromium: filtered by order, a
 * replay and a discard (refused without a reason, then with one) done by clicking, each
 * recorded by audit-fn and shown on the order's story. Leaves
 * {@code target/dashboard-dead-letters.png}.
 */
@Order(6)
class DeadLetterDashboardTest extends AuditFnTestBase {

	WebDriver browser;

	@BeforeEach
	void openBrowser() {
		assertThat(Files.isExecutable(DashboardBrowserTest.CHROMIUM)
				&& Files.isExecutable(DashboardBrowserTest.CHROMEDRIVER))
			.as("The browser test needs Chromium and its driver: apt-get install -y chromium chromium-driver")
			.isTrue();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(DashboardBrowserTest.CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1440,3000", "--lang=en-US");
		browser = new ChromeDriver(
				new ChromeDriverService.Builder().usingDriverExecutable(DashboardBrowserTest.CHROMEDRIVER.toFile())
					.usingAnyFreePort()
					.build(),
				options);
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void replaysAndDiscardsDeadLettersFromTheTableAndShowsItOnTheStory() throws Exception {
		SagaScript script = SagaScript.completed(Instant.now());
		publish(script);
		SagaScript.Step charge = script.step("payment.processed.v1");
		publishRaw("payment-events.dlq", script.orderId,
				deadLetterHeaders(script.orderId, charge, "payment-events", 0, 3,
						"Invalid payment.processed.v1 event: amount must not be null"),
				json.writeValueAsBytes(charge.body()));
		publishRaw(
				"order-events.dlq", script.orderId, Map.of("x-original-topic", bytes("order-events"),
						"x-exception-message", bytes("Unreadable order.created.v1 event: not JSON")),
				bytes("<b>not json</b>"));
		org.awaitility.Awaitility.await()
			.atMost(WAIT)
			.until(() -> get("/dead-letters?orderId=" + script.orderId).path("content").size() == 2);

		DevIssuer.openDashboardSignedIn(browser, port);
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		wait.ignoring(StaleElementReferenceException.class);
		browser.findElement(By.id("dead-letter-order")).sendKeys(script.orderId);
		browser.findElement(By.cssSelector("#dead-letter-filter button[type=submit]")).click();
		wait.until(page -> rows().size() == 2 && rows().stream().allMatch(row -> row.getText().contains("OPEN")));
		// shown as text, never as markup
		assertThat(browser.findElements(By.cssSelector("#dead-letters tbody b"))).isEmpty();

		WebElement chargeRow = row("payment.processed.v1");
		assertThat(chargeRow.getText()).contains("payment-events/0 @ 3", "amount must not be null", "COMPLETED");
		chargeRow.findElement(By.cssSelector("button.replay")).click();
		wait.until(page -> row("payment.processed.v1").getText().contains("REPLAYED"));
		assertThat(row("payment.processed.v1").getText()).contains("replayed by operator");

		WebElement poisonRow = row("order-events");
		poisonRow.findElement(By.cssSelector("button.discard")).click();
		wait.until(page -> page.findElement(By.id("dead-letter-status")).getText().contains("refused"));
		assertThat(browser.findElement(By.id("dead-letter-status")).getText()).contains("reason");
		row("order-events").findElement(By.cssSelector("input.discard-reason")).sendKeys("hand-made test record");
		row("order-events").findElement(By.cssSelector("button.discard")).click();
		wait.until(page -> row("order-events").getText().contains("DISCARDED"));
		assertThat(row("order-events").getText()).contains("hand-made test record");

		JsonNode letters = get("/dead-letters?orderId=" + script.orderId).path("content");
		assertThat(letters.valueStream().map(letter -> letter.path("status").asString()))
			.containsExactlyInAnyOrder("REPLAYED", "DISCARDED");

		row("payment.processed.v1").findElement(By.cssSelector("button.link")).click();
		// the story is redrawn with every snapshot: read the whole table in one go
		wait.withMessage(() -> "story: " + browser.findElement(By.id("story-status")).getText() + " / "
				+ ((JavascriptExecutor) browser)
					.executeScript("return document.querySelector('#story-timeline tbody').textContent"))
			.until(page -> {
				String story = String.valueOf(((JavascriptExecutor) page)
					.executeScript("return document.querySelector('#story-timeline tbody').textContent"));
				return story.contains("dead-letter.replayed") && story.contains("dead-letter.discarded")
						&& story.contains("hand-made test record");
			});
		Path target = Path.of("target", "dashboard-dead-letters.png");
		Files.createDirectories(target.getParent());
		Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), target,
				StandardCopyOption.REPLACE_EXISTING);
	}

	private List<WebElement> rows() {
		return browser.findElements(By.cssSelector("#dead-letters tbody tr[data-id]"));
	}

	private WebElement row(String containing) {
		return rows().stream().filter(row -> row.getText().contains(containing)).findFirst().orElseThrow();
	}

}
