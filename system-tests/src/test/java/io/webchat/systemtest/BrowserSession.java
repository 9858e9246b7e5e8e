package io.webchat.systemtest;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's headless Chromium, with a profile of its own (so its own cookies), driven by the
 * system's chromedriver. Selenium Manager never runs: both binaries are given explicitly.
 */
final class BrowserSession implements AutoCloseable {

	static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("TEST_CHROMIUM", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));

	static final Duration WAIT = Duration.ofSeconds(20);

	private final String name;

	private final Path profile;

	private final ChromeDriver driver;

	private BrowserSession(String name, Path profile, ChromeDriver driver) {
		this.name = name;
		this.profile = profile;
		this.driver = driver;
	}

	/** A browser whose language is English (en-US). */
	static BrowserSession open(String name) {
		return open(name, "en-US");
	}

	/**
	 * A browser whose language is {@code language} ({@code en-US}, {@code zh-CN}): its
	 * {@code navigator.language} and the Accept-Language it sends.
	 */
	static BrowserSession open(String name, String language) {
		for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
			if (!Files.isExecutable(binary)) {
				throw new IllegalStateException("The browser tests need Chromium and chromedriver; there is no "
						+ binary + " (install the chromium and chromium-driver packages, or set TEST_CHROMIUM / "
						+ "TEST_CHROMEDRIVER).");
			}
		}
		try {
			Path profile = Files.createTempDirectory("webchat-chromium-" + name);
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM.toFile());
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--no-first-run",
					"--disable-sync", "--window-size=1280,900", "--lang=" + language, "--user-data-dir=" + profile);
			options.setExperimentalOption("prefs",
					Map.of("intl.accept_languages", language + "," + language.substring(0, 2)));
			LoggingPreferences logging = new LoggingPreferences();
			logging.enable(LogType.BROWSER, java.util.logging.Level.ALL);
			options.setCapability("goog:loggingPrefs", logging);
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
				.usingAnyFreePort()
				// headless Chromium takes navigator.language from the environment, not from --lang
				.withEnvironment(Map.of("LANGUAGE", language.replace('-', '_')))
				.build();
			return new BrowserSession(name, profile, new ChromeDriver(service, options));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	ChromeDriver driver() {
		return this.driver;
	}

	String name() {
		return this.name;
	}

	WebDriverWait waiting() {
		return new WebDriverWait(this.driver, WAIT);
	}

	/** Opens the page, is sent to the login form, logs in, and waits for the chat page to know who it is. */
	void logIn(URI gateway, String username, String password, String displayName) {
		this.driver.get(gateway.toString());
		waiting().until(ExpectedConditions.urlContains("/login"));
		submitLogin(username, password, displayName);
	}

	/** Logs in on the login form that is already open. */
	void submitLogin(String username, String password, String displayName) {
		waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
		this.driver.findElement(By.id("password")).sendKeys(password);
		this.driver.findElement(By.id("login-button")).click();
		waiting().until(ExpectedConditions.textToBe(By.id("current-user"), displayName));
	}

	/** Clicks a contact (e.g. {@code single:2}) and waits for its conversation to be open. */
	void openConversation(String contactKey, String expectedTitle) {
		contact(contactKey).click();
		waiting().until(ExpectedConditions.textToBe(By.id("chat-title"), expectedTitle));
		waiting().until(ExpectedConditions.elementToBeClickable(By.id("composer")));
	}

	WebElement contact(String contactKey) {
		return waiting().until(
				ExpectedConditions.elementToBeClickable(By.cssSelector("button.contact[data-contact=\"" + contactKey + "\"]")));
	}

	WebElement composer() {
		return this.driver.findElement(By.id("composer"));
	}

	List<WebElement> messages() {
		return this.driver.findElements(By.cssSelector("#messages .message"));
	}

	/** The texts of the messages shown, top to bottom. */
	List<String> messageTexts() {
		return this.driver.findElements(By.cssSelector("#messages .message .message-text"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	/** The unread badge of a contact: its number, or 0 while it is hidden. */
	int badge(String contactKey) {
		WebElement badge = contact(contactKey).findElement(By.className("unread-badge"));
		return badge.isDisplayed() ? Integer.parseInt(badge.getText()) : 0;
	}

	/** Sends with Enter what is typed into the composer. */
	void send(String text) {
		composer().sendKeys(text);
		composer().sendKeys(Keys.ENTER);
	}

	/** Reloads the page and waits for it to know who is signed in again. */
	void reload(String displayName) {
		this.driver.navigate().refresh();
		waiting().until(ExpectedConditions.textToBe(By.id("current-user"), displayName));
	}

	/** Emulates a phone's viewport ({@code width} CSS pixels), or the desktop window again with 0. */
	void emulateWidth(int width) {
		if (width == 0) {
			this.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		}
		else {
			this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
					Map.of("width", width, "height", 740, "deviceScaleFactor", 2, "mobile", true));
		}
	}

	/**
	 * From now on the page's long polls fail as if the network dropped them, so it hears of no
	 * event; a poll already waiting is answered as usual. Everything else still goes through.
	 */
	void dropLongPolls() {
		this.driver.executeCdpCommand("Network.enable", Map.of());
		this.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/api/chat/clients/*/events*")));
	}

	/** The long polls go through again, and the page is told it is online, as a browser does when the network returns. */
	void letLongPollsThrough() {
		this.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
		this.driver.executeScript("window.dispatchEvent(new Event('online'))");
	}

	/** {@code target/screenshots/<name>.png}. */
	Path screenshot(String fileName) {
		File shot = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.FILE);
		Path target = RunningWebchat.screenshotDirectory().resolve(fileName + ".png");
		try {
			Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
			Files.deleteIfExists(shot.toPath());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return target;
	}

	/** What the page wrote to the console (errors, warnings) since the last call. */
	List<String> consoleMessages() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::toString)
			.toList();
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			deleteProfile();
		}
	}

	private void deleteProfile() {
		try (Stream<Path> files = Files.walk(this.profile)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// a temp directory left behind does no harm
		}
	}
}
