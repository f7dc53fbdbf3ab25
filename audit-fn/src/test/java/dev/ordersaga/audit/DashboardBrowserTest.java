package dev.ordersaga.audit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}; nothing is downloaded) while orders flow: the numbers fill in,
 * and typing an order id shows its swimlane. Leaves a screenshot in
 * {@code target/dashboard.png}.
 */
@Order(2)
class DashboardBrowserTest extends AuditFnTestBase {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final int ORDERS = 30;

	ScheduledExecutorService feeder;

	WebDriver browser;

	@BeforeEach
	void openBrowser() {
		assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
			.as("The browser test needs Chromium and its driver at %s and %s: apt-get install -y chromium chromium-driver",
					CHROMIUM, CHROMEDRIVER)
			.isTrue();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1440,3000", "--lang=en-US");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
		DevIssuer.start(port);
	}

	@AfterEach
	void closeBrowser() throws InterruptedException {
		if (feeder != null) {
			feeder.shutdownNow();
			feeder.awaitTermination(10, TimeUnit.SECONDS);
		}
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void showsLiveNumbersAndTheSwimlaneOfATypedOrderWhileOrdersFlow() throws Exception {
		List<SagaScript> fed = new CopyOnWriteArrayList<>();
		AtomicInteger sent = new AtomicInteger();
		List<Function<Instant, SagaScript>> stories = List.of(SagaScript::completed, SagaScript::completed,
				SagaScript::creditRefused, SagaScript::paymentDeclined, SagaScript::lateChargeRefunded);
		feeder = Executors.newSingleThreadScheduledExecutor();
		feeder.scheduleAtFixedRate(() -> {
			int n = sent.getAndIncrement();
			if (n < ORDERS) {
				SagaScript script = stories.get(n % stories.size()).apply(Instant.now());
				publish(script);
				fed.add(script);
			}
		}, 0, 150, TimeUnit.MILLISECONDS);

		DevIssuer.openDashboardSignedIn(browser, port);
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		// the page re-renders live: an element read while it is being replaced is simply
		// read again
		wait.ignoring(StaleElementReferenceException.class);
		wait.until(page -> fed.size() >= 5 && number("kpi-completed") >= 1 && number("kpi-events") > 0);
		wait.until(page -> !page.findElements(By.cssSelector("#chart-states canvas")).isEmpty()
				&& !page.findElements(By.cssSelector("#chart-throughput canvas")).isEmpty());
		// rules broken on purpose by earlier test classes stay broken; the fed orders add
		// none
		long violated = consistency().at("/violations/sagas").asLong();
		wait.until(page -> text("verdict").equals(
				violated == 0 ? "Consistent: no rule broken" : "Inconsistent: " + violated + " saga(s) break a rule"));
		assertThat(number("kpi-violations")).isEqualTo(violated);
		assertThat(browser.findElements(By.cssSelector("#rules tbody tr"))).hasSize(Rule.values().length);

		SagaScript story = fed.getFirst();
		browser.findElement(By.id("order-id")).sendKeys(story.orderId, Keys.ENTER);

		wait.until(
				page -> page.findElements(By.cssSelector("#story-timeline tbody tr")).size() == story.steps().size());
		wait.until(page -> text("story-status").contains("COMPLETED"));
		assertThat(browser.findElements(By.cssSelector("#chart-swimlane canvas"))).isNotEmpty();
		assertThat(browser.findElement(By.id("chart-swimlane")).getDomAttribute("aria-label"))
			.startsWith("Swimlane: order-fn order.created.v1, then customer-fn credit.reserved.v1");
		List<String> expectedTypes = story.steps().stream().map(SagaScript.Step::type).toList();
		List<String> shownTypes = wait.until(page -> {
			List<String> types = page.findElements(By.cssSelector("#story-timeline tbody tr td:nth-child(4)"))
				.stream()
				.map(cell -> cell.getText())
				.toList();
			return types.equals(expectedTypes) ? types : null;
		});
		assertThat(shownTypes).containsExactlyElementsOf(expectedTypes);

		wait.until(page -> sent.get() >= ORDERS && number("kpi-sagas") >= ORDERS
				&& number("kpi-completed") + number("kpi-cancelled") >= ORDERS);
		assertThat(text("kpi-latency")).matches("[0-9,]+ / [0-9,]+ / [0-9,]+ ms");
		assertThat(screenshot("dashboard.png")).isPositive();
		((org.openqa.selenium.JavascriptExecutor) browser)
			.executeScript("document.getElementById('story').scrollIntoView()");
		assertThat(screenshot("dashboard-story.png")).isPositive();
	}

	private long screenshot(String name) throws java.io.IOException {
		File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Path target = Path.of("target", name);
		Files.createDirectories(target.getParent());
		Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
		return Files.size(target);
	}

	private String text(String id) {
		// read again when the live page replaced the element between finding and reading
		// it
		return new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until(page -> page.findElement(By.id(id)).getText());
	}

	private long number(String id) {
		String value = text(id).replace(",", "");
		return value.matches("[0-9]+") ? Long.parseLong(value) : -1;
	}

}
