package io.webchat.systemtest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.webchat.systemtest.RunningWebchat.Webchat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two people, each in their own headless Chromium, chatting through the page the gateway
 * serves. The tests tell one story in order: log in, talk with both windows open, get a message
 * while another conversation is open, write on two lines.
 */
@ExtendWith(RunningWebchat.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatInBrowserIT {

	private static Webchat webchat;

	private static BrowserSession alice;

	private static BrowserSession bob;

	private static long aliceId;

	private static long bobId;

	private static long carolId;

	/** Screenshots of both windows when a test fails, next to the others. */
	@RegisterExtension
	static final TestWatcher SCREENSHOT_ON_FAILURE = new TestWatcher() {
		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			for (BrowserSession session : new BrowserSession[] { alice, bob }) {
				if (session != null) {
					try {
						session.screenshot("FAILED-" + context.getRequiredTestMethod().getName() + "-" + session.name());
					}
					catch (RuntimeException ex) {
						// the failure itself is what matters
					}
				}
			}
		}
	};

	@BeforeAll
	static void openBrowsers(Webchat runningWebchat) {
		webchat = runningWebchat;
		// Start from empty inboxes, so that no earlier message shows up as unread.
		List<Long> ids = new ArrayList<>();
		for (String name : List.of("alice", "bob", "carol")) {
			GatewayUser user = GatewayUser.loggedIn(webchat.gatewayUrl(), name, name + "-secret");
			user.drainInbox();
			ids.add(user.id());
		}
		aliceId = ids.get(0);
		bobId = ids.get(1);
		carolId = ids.get(2);
		alice = BrowserSession.open("alice");
		bob = BrowserSession.open("bob");
	}

	@AfterAll
	static void closeBrowsers() {
		for (BrowserSession session : new BrowserSession[] { alice, bob }) {
			if (session != null) {
				System.out.println("Console of " + session.name() + "'s page: " + session.consoleMessages());
				session.close();
			}
		}
	}

	@Test
	@Order(1)
	void bothLogInThroughTheLoginPageAndSeeTheirFriends() {
		alice.driver().get(webchat.gatewayUrl().toString());
		alice.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-button")));
		alice.screenshot("01-login-page");

		alice.logIn(webchat.gatewayUrl(), "alice", "alice-secret", "Alice");
		bob.logIn(webchat.gatewayUrl(), "bob", "bob-secret", "Bob");

		assertThat(alice.contact("single:" + bobId).getText()).contains("Bob");
		assertThat(alice.contact("single:" + carolId).getText()).contains("Carol");
		assertThat(bob.contact("single:" + aliceId).getText()).contains("Alice");
		assertThat(bob.contact("single:" + aliceId).findElement(By.className("unread-badge")).isDisplayed()).isFalse();
		assertThat(alice.driver().findElement(By.id("chat-title")).getText()).isEqualTo("Select a friend or group");
		assertThat(alice.driver().findElement(By.id("connection-banner")).isDisplayed()).isFalse();
		alice.screenshot("02-alice-contacts");

		alice.driver().findElement(By.id("groups-tab")).click();
		WebElement group = alice.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#groups-list button.contact")));
		assertThat(group.getText()).contains("Demo group").contains("3 members");
		alice.screenshot("03-alice-groups");
		alice.driver().findElement(By.id("friends-tab")).click();
		alice.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#friends-list button.contact")));
	}

	@Test
	@Order(2)
	void messageSentWithEnterAppearsInBothOpenChatWindows() {
		bob.openConversation("single:" + aliceId, "Chatting with Alice");
		alice.openConversation("single:" + bobId, "Chatting with Bob");
		String text = "Hi Bob, it is Alice " + UUID.randomUUID().toString().substring(0, 8);

		alice.composer().sendKeys(text);
		alice.composer().sendKeys(Keys.ENTER);

		bob.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages"), text));
		assertThat(texts(bob.driver().findElements(By.cssSelector("#messages .message .message-text")))).contains(text);
		assertThat(texts(bob.driver().findElements(By.cssSelector("#messages .message.own .message-text"))))
			.as("on Bob's side it is not his own").doesNotContain(text);
		// Alice's copy is hers, and it is the server's message (with its id), no longer "sending…".
		alice.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector("#messages .message.own[data-message-id] .message-text"), text));
		assertThat(alice.composer().getDomProperty("value")).as("the composer is emptied").isEmpty();
		assertThat(alice.driver().findElements(By.cssSelector("#messages .message.failed"))).isEmpty();
		assertThat(bob.contact("single:" + aliceId).findElement(By.className("unread-badge")).isDisplayed())
			.as("an open conversation counts nothing as unread")
			.isFalse();
		alice.screenshot("04-alice-sent");
		bob.screenshot("05-bob-received");
	}

	@Test
	@Order(3)
	void messageForAConversationThatIsNotOpenShowsAnUnreadBadge() {
		bob.openConversation("single:" + carolId, "Chatting with Carol");
		WebElement badge = bob.contact("single:" + aliceId).findElement(By.className("unread-badge"));
		assertThat(badge.isDisplayed()).isFalse();
		String text = "Are you there, Bob? " + UUID.randomUUID().toString().substring(0, 8);

		alice.composer().sendKeys(text);
		alice.composer().sendKeys(Keys.ENTER);

		bob.waiting().until(ExpectedConditions.visibilityOf(badge));
		bob.waiting().until(ExpectedConditions.textToBePresentInElement(badge, "1"));
		assertThat(badge.getText()).isEqualTo("1");
		assertThat(texts(bob.driver().findElements(By.cssSelector("#messages .message-text"))))
			.as("Carol's window does not show Alice's message")
			.doesNotContain(text);
		assertThat(bob.driver().findElement(By.cssSelector("#friends-tab .tab-badge")).getText()).isEqualTo("1");
		assertThat(bob.driver().getTitle()).isEqualTo("(1) webchat");
		bob.screenshot("06-bob-unread-badge");

		bob.openConversation("single:" + aliceId, "Chatting with Alice");
		bob.waiting().until(ExpectedConditions.invisibilityOf(badge));
		assertThat(texts(bob.driver().findElements(By.cssSelector("#messages .message-text")))).contains(text);
		assertThat(bob.driver().getTitle()).isEqualTo("webchat");
	}

	@Test
	@Order(4)
	void shiftEnterStartsANewLineAndOnlyEnterSends() {
		int aliceMessagesBefore = alice.messages().size();
		int bobMessagesBefore = bob.messages().size();
		String firstLine = "first line " + UUID.randomUUID().toString().substring(0, 8);
		String secondLine = "second line";

		alice.composer().sendKeys(firstLine);
		alice.composer().sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
		alice.composer().sendKeys(secondLine);

		assertThat(alice.composer().getDomProperty("value")).isEqualTo(firstLine + "\n" + secondLine);
		assertThat(alice.messages()).as("Shift+Enter sent nothing").hasSize(aliceMessagesBefore);
		alice.screenshot("07-alice-two-lines-in-composer");

		alice.composer().sendKeys(Keys.ENTER);

		String twoLines = firstLine + "\n" + secondLine;
		bob.waiting().until((driver) -> bob.messages().size() > bobMessagesBefore);
		bob.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages"), secondLine));
		List<WebElement> bobsMessages = bob.messages();
		assertThat(bobsMessages).as("the two lines arrive as one message").hasSize(bobMessagesBefore + 1);
		assertThat(bobsMessages.get(bobsMessages.size() - 1).findElement(By.className("message-text")).getText())
			.isEqualTo(twoLines);
		alice.waiting().until(ExpectedConditions.numberOfElementsToBe(
				By.cssSelector("#messages .message.own[data-message-id]"), aliceMessagesBefore + 1));
		assertThat(alice.composer().getDomProperty("value")).isEmpty();
		assertThat(bob.driver().findElement(By.id("connection-banner")).isDisplayed()).isFalse();
		bob.screenshot("08-bob-two-line-message");
		alice.screenshot("09-alice-conversation");
	}

	private static List<String> texts(List<WebElement> elements) {
		return elements.stream().map(WebElement::getText).toList();
	}
}
