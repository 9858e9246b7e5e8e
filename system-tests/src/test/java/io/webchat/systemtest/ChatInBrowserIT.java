package io.webchat.systemtest;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * People in their own headless Chromium, chatting through the page the gateway serves: Alice
 * and Bob in English, Carol (who joins later, after a visitor signs up in her browser) in
 * Chinese. The tests tell one story in order: log in, talk, get messages while another
 * conversation is open, reload, open a second tab, chat in the group, page back through
 * history, use a phone-sized screen, and live through both chat instances going down.
 */
@ExtendWith(RunningWebchat.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatInBrowserIT {

	/** Long enough for the page's backoff (up to 30 s between polls) after an outage. */
	private static final Duration CATCH_UP = Duration.ofSeconds(60);

	private static Webchat webchat;

	private static BrowserSession alice;

	private static BrowserSession bob;

	private static BrowserSession carol;

	private static long aliceId;

	private static long bobId;

	private static long carolId;

	private static long groupId;

	/** Screenshots of every window when a test fails, next to the others. */
	@RegisterExtension
	static final TestWatcher SCREENSHOT_ON_FAILURE = new TestWatcher() {
		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			for (BrowserSession session : new BrowserSession[] { alice, bob, carol }) {
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
		List<Long> ids = new ArrayList<>();
		for (String name : List.of("alice", "bob", "carol")) {
			GatewayUser user = GatewayUser.loggedIn(webchat.gatewayUrl(), name, name + "-secret");
			ids.add(user.id());
			// start without unread messages left by the tests before
			for (String conversation : user.getJson("/api/chat/unread").propertyNames()) {
				user.markRead(conversation);
			}
			if (name.equals("alice")) {
				groupId = EndToEndIT.demoGroupOf(user).get("id").asLong();
			}
		}
		aliceId = ids.get(0);
		bobId = ids.get(1);
		carolId = ids.get(2);
		alice = BrowserSession.open("alice");
		bob = BrowserSession.open("bob");
		carol = BrowserSession.open("carol", "zh-CN");
	}

	@AfterAll
	static void closeBrowsers() {
		for (BrowserSession session : new BrowserSession[] { alice, bob, carol }) {
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
		assertThat(alice.driver().findElement(By.id("sign-up-link")).getAttribute("href")).endsWith("/register");
		alice.screenshot("01-login-page");

		alice.submitLogin("alice", "alice-secret", "Alice");
		bob.logIn(webchat.gatewayUrl(), "bob", "bob-secret", "Bob");

		assertThat(alice.contact("single:" + bobId).getText()).contains("Bob");
		assertThat(alice.contact("single:" + carolId).getText()).contains("Carol");
		assertThat(bob.contact("single:" + aliceId).getText()).contains("Alice");
		assertThat(bob.badge("single:" + aliceId)).isZero();
		assertThat(alice.driver().findElement(By.id("chat-title")).getText()).isEqualTo("Select a friend or group");
		assertThat(alice.driver().findElement(By.id("connection-banner")).isDisplayed()).isFalse();
		// both pages poll, so each sees the other online
		alice.waiting().until(ExpectedConditions.attributeContains(alice.contact("single:" + bobId), "class", "online"));
		bob.waiting().until(ExpectedConditions.attributeContains(bob.contact("single:" + aliceId), "class", "online"));
		assertThat(alice.contact("single:" + carolId).getAttribute("class")).doesNotContain("online");
		alice.screenshot("02-alice-contacts");

		alice.driver().findElement(By.id("groups-tab")).click();
		WebElement group = alice.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#groups-list button.contact")));
		assertThat(group.getText()).contains("Demo group");
		alice.screenshot("03-alice-groups");
		alice.driver().findElement(By.id("friends-tab")).click();
		alice.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#friends-list button.contact")));
	}

	@Test
	@Order(2)
	void messageSentWithEnterAppearsInBothOpenChatWindows() {
		bob.openConversation("single:" + aliceId, "Chatting with Alice");
		alice.openConversation("single:" + bobId, "Chatting with Bob");
		String text = "Hi Bob, it is Alice " + shortId();

		alice.send(text);

		bob.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages"), text));
		assertThat(bob.messageTexts()).contains(text);
		assertThat(texts(bob.driver().findElements(By.cssSelector("#messages .message.own .message-text"))))
			.as("on Bob's side it is not his own").doesNotContain(text);
		// Alice's copy is hers, and it is the server's message (with its id), no longer "sending…".
		alice.waiting().until((driver) -> confirmedOwnTexts(alice).contains(text));
		assertThat(alice.driver().findElements(By.cssSelector("#messages .message.pending"))).isEmpty();
		assertThat(alice.composer().getDomProperty("value")).as("the composer is emptied").isEmpty();
		assertThat(alice.driver().findElements(By.cssSelector("#messages .message.failed"))).isEmpty();
		assertThat(bob.badge("single:" + aliceId)).as("an open conversation counts nothing as unread").isZero();
		assertThat(bob.driver().findElement(By.cssSelector("#messages .day-separator")).getText()).isEqualTo("Today");
		// the list shows the newest message under the name
		assertThat(alice.contact("single:" + bobId).getText()).contains("You: " + text);
		assertThat(bob.contact("single:" + aliceId).getText()).contains(text);
		alice.screenshot("04-alice-sent");
		bob.screenshot("05-bob-received");
	}

	@Test
	@Order(3)
	void messageForAConversationThatIsNotOpenShowsAnUnreadBadge() {
		bob.openConversation("single:" + carolId, "Chatting with Carol");
		assertThat(bob.badge("single:" + aliceId)).isZero();
		String text = "Are you there, Bob? " + shortId();

		alice.send(text);

		bob.waiting().until((driver) -> bob.badge("single:" + aliceId) == 1);
		assertThat(bob.messageTexts()).as("Carol's window does not show Alice's message").doesNotContain(text);
		assertThat(bob.driver().findElement(By.cssSelector("#friends-tab .tab-badge")).getText()).isEqualTo("1");
		assertThat(bob.driver().getTitle()).isEqualTo("(1) webchat");
		bob.screenshot("06-bob-unread-badge");

		bob.openConversation("single:" + aliceId, "Chatting with Alice");
		bob.waiting().until((driver) -> bob.badge("single:" + aliceId) == 0);
		bob.waiting().until((driver) -> bob.messageTexts().contains(text));
		assertThat(bob.driver().getTitle()).isEqualTo("webchat");
	}

	@Test
	@Order(4)
	void shiftEnterStartsANewLineAndOnlyEnterSends() {
		int aliceMessagesBefore = alice.messages().size();
		int bobMessagesBefore = bob.messages().size();
		String firstLine = "first line " + shortId();
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
	}

	@Test
	@Order(5)
	void htmlInAMessageIsShownAsTextAndRunsNothing() {
		String payload = "<img src=x onerror=\"window.__xss=1;alert(1)\"> <b>not bold</b> " + shortId();

		alice.send(payload);

		for (BrowserSession session : List.of(bob, alice)) {
			session.waiting().until((driver) -> session.messageTexts().contains(payload));
			assertThat(session.driver().findElements(By.cssSelector("#messages img, #messages b")))
				.as("%s's page made no element of it", session.name()).isEmpty();
			assertThat(ExpectedConditions.alertIsPresent().apply(session.driver())).as("no alert").isNull();
			assertThat(session.driver().executeScript("return window.__xss === undefined")).isEqualTo(true);
			assertThat(session.contact("single:" + (session == bob ? aliceId : bobId)).getText())
				.as("nor did its preview in the list").contains("<img src=x");
		}
	}

	@Test
	@Order(6)
	void unreadBadgesSurviveAReloadAndReadingOnOneTabClearsThemOnTheOther() {
		bob.openConversation("single:" + carolId, "Chatting with Carol");
		alice.send("unread one " + shortId());
		alice.send("unread two " + shortId());
		bob.waiting().until((driver) -> bob.badge("single:" + aliceId) == 2);

		bob.reload("Bob");
		bob.waiting().until((driver) -> bob.badge("single:" + aliceId) == 2);
		assertThat(bob.driver().getTitle()).isEqualTo("(2) webchat");
		bob.screenshot("09-bob-badge-after-reload");

		String firstTab = bob.driver().getWindowHandle();
		bob.driver().switchTo().newWindow(WindowType.WINDOW);
		String secondTab = bob.driver().getWindowHandle();
		bob.driver().get(webchat.gatewayUrl().toString());
		bob.waiting().until(ExpectedConditions.textToBe(By.id("current-user"), "Bob"));
		bob.waiting().until((driver) -> bob.badge("single:" + aliceId) == 2);

		bob.driver().switchTo().window(firstTab);
		bob.openConversation("single:" + aliceId, "Chatting with Alice");
		bob.waiting().until((driver) -> bob.badge("single:" + aliceId) == 0);

		bob.driver().switchTo().window(secondTab);
		bob.waiting().until((driver) -> bob.badge("single:" + aliceId) == 0);
		assertThat(bob.driver().getTitle()).isEqualTo("webchat");
		bob.reload("Bob");
		assertThat(bob.badge("single:" + aliceId)).as("read stays read after a reload").isZero();
		bob.driver().switchTo().window(firstTab);
	}

	@Test
	@Order(7)
	void aSecondTabOfTheSameUserShowsTheSameMessages() {
		String firstTab = bob.driver().getWindowHandle();
		String secondTab = bob.driver().getWindowHandles().stream().filter((handle) -> !handle.equals(firstTab))
			.findFirst().orElseThrow();
		bob.driver().switchTo().window(secondTab);
		bob.openConversation("single:" + aliceId, "Chatting with Alice");
		String fromAlice = "to both of Bob's tabs " + shortId();

		alice.send(fromAlice);

		bob.waiting().until((driver) -> bob.messageTexts().contains(fromAlice));
		String fromBob = "written in Bob's second tab " + shortId();
		bob.send(fromBob);
		bob.waiting().until((driver) -> confirmedOwnTexts(bob).contains(fromBob));
		bob.screenshot("10-bob-second-tab");

		bob.driver().switchTo().window(firstTab);
		bob.waiting().until((driver) -> bob.messageTexts().containsAll(List.of(fromAlice, fromBob)));
		assertThat(texts(bob.driver().findElements(By.cssSelector("#messages .message.own .message-text"))))
			.as("what Bob wrote in the other tab is his here too").contains(fromBob);
		assertThat(bob.messageTexts().stream().filter(fromAlice::equals)).as("shown once").hasSize(1);
		alice.waiting().until((driver) -> alice.messageTexts().contains(fromBob));

		bob.driver().switchTo().window(secondTab);
		bob.driver().close();
		bob.driver().switchTo().window(firstTab);
	}

	@Test
	@Order(8)
	void aVisitorSignsUpInChineseAndIsToldWhatToFix() {
		WebDriverWait waiting = carol.waiting();
		carol.driver().get(webchat.gatewayUrl().resolve("/login").toString());
		assertThat(carol.driver().findElement(By.id("login-button")).getText()).isEqualTo("登录");
		carol.driver().findElement(By.id("sign-up-link")).click();
		waiting.until(ExpectedConditions.urlContains("/register"));
		assertThat(carol.driver().findElement(By.id("register-button")).getText()).isEqualTo("创建账户");

		String username = "visitor-" + shortId();
		String password = "Visit0r-" + UUID.randomUUID();
		fill(carol, "username", "alice");
		fill(carol, "displayName", "访客");
		fill(carol, "password", password);
		fill(carol, "passwordConfirm", password + "typo");
		carol.driver().findElement(By.id("register-button")).click();
		assertThat(carol.driver().findElement(By.id("passwordConfirm-error")).getText()).isEqualTo("两次输入的密码不一致。");

		fill(carol, "passwordConfirm", password);
		carol.driver().findElement(By.id("register-button")).click();
		waiting.until(ExpectedConditions.textToBe(By.id("username-error"), "该用户名已被使用，请换一个。"));
		carol.screenshot("11-sign-up-username-taken");

		fill(carol, "username", username);
		carol.driver().findElement(By.id("register-button")).click();
		waiting.until(ExpectedConditions.urlContains("/login?registered"));
		assertThat(carol.driver().findElement(By.id("registered-notice")).getText()).isEqualTo("账户已创建，请登录开始聊天。");
		carol.submitLogin(username, password, "访客");
		waiting.until(ExpectedConditions.textToBe(By.id("friends-empty"), "还没有好友。"));
		assertThat(carol.driver().findElement(By.id("chat-title")).getText()).isEqualTo("选择好友或群聊");
		carol.screenshot("12-new-user-in-chinese");

		carol.driver().findElement(By.id("logout-button")).click();
		waiting.until(ExpectedConditions.urlContains("/login?logout"));
		carol.submitLogin("carol", "carol-secret", "Carol");
	}

	@Test
	@Order(9)
	void threePeopleChatInTheGroup() {
		String group = "group:" + groupId;
		for (BrowserSession session : List.of(alice, bob)) {
			session.driver().findElement(By.id("groups-tab")).click();
			session.openConversation(group, "Demo group (3 members)");
		}
		carol.driver().findElement(By.id("groups-tab")).click();
		carol.openConversation(group, "Demo group（3 位成员）");

		String fromAlice = "Welcome to the group! " + shortId();
		String fromBob = "Hi all, Bob here " + shortId();
		String fromCarol = "大家好，我是 Carol " + shortId();
		alice.send(fromAlice);
		bob.waiting().until((driver) -> bob.messageTexts().contains(fromAlice));
		bob.send(fromBob);
		carol.waiting().until((driver) -> carol.messageTexts().contains(fromBob));
		carol.send(fromCarol);

		for (BrowserSession session : List.of(alice, bob, carol)) {
			session.waiting().until((driver) -> session.messageTexts().containsAll(List.of(fromAlice, fromBob, fromCarol)));
			List<String> texts = session.messageTexts();
			assertThat(texts.indexOf(fromAlice)).as("in the order they were sent").isLessThan(texts.indexOf(fromBob));
			assertThat(texts.indexOf(fromBob)).isLessThan(texts.indexOf(fromCarol));
		}
		// others' messages carry their sender's name; one's own sit on the right without it
		alice.waiting().until((driver) -> texts(alice.driver().findElements(By.cssSelector("#messages .message-sender")))
			.containsAll(List.of("Bob", "Carol")));
		assertThat(texts(alice.driver().findElements(By.cssSelector("#messages .message.own .message-text"))))
			.contains(fromAlice).doesNotContain(fromBob, fromCarol);
		assertThat(carol.driver().findElement(By.id("composer")).getAttribute("placeholder")).isEqualTo("输入消息");
		alice.screenshot("13-alice-group-chat");
		carol.screenshot("14-carol-group-chat-in-chinese");

		for (BrowserSession session : List.of(alice, bob, carol)) {
			session.driver().findElement(By.id("friends-tab")).click();
		}
	}

	@Test
	@Order(10)
	void friendRequestsAndANewGroupAreHandledWithoutLeavingThePage() {
		String username = "erin-" + shortId();
		String password = "Er1n-" + UUID.randomUUID();
		GatewayUser visitor = GatewayUser.anonymous(webchat.gatewayUrl());
		visitor.get("/register");
		assertThat(visitor.postJson("/api/accounts/users", """
				{"username": "%s", "displayName": "Erin", "password": "%s"}""".formatted(username, password)).statusCode())
			.isEqualTo(201);
		GatewayUser erin = GatewayUser.loggedIn(webchat.gatewayUrl(), username, password);
		long erinId = erin.id();

		// Alice finds Erin and asks her
		alice.driver().findElement(By.id("friend-requests-button")).click();
		alice.driver().findElement(By.id("find-people")).sendKeys(username, Keys.ENTER);
		alice.waiting().until(ExpectedConditions.elementToBeClickable(
				By.cssSelector("#people-found [data-action='ask'][data-id='" + erinId + "']"))).click();
		alice.waiting().until(ExpectedConditions.textToBe(By.id("friends-dialog-status"), "Request sent to Erin."));
		assertThat(alice.driver().findElement(By.id("requests-sent")).getText()).contains("Erin");
		alice.screenshot("15-alice-friend-request-sent");

		// Erin accepts (through the API); Alice's page lists her once it looks again
		JsonNode fromAlice = erin.getJson("/api/accounts/me/friend-requests/received").get("content").get(0);
		assertThat(erin.postJson("/api/accounts/me/friend-requests/" + fromAlice.get("id").asLong() + "/acceptance", "")
			.statusCode()).isEqualTo(201);
		alice.driver().findElement(By.cssSelector("#friends-dialog [data-close-dialog]")).click();
		alice.driver().findElement(By.id("friend-requests-button")).click();
		alice.contact("single:" + erinId);
		alice.driver().findElement(By.cssSelector("#friends-dialog [data-close-dialog]")).click();

		// Erin asks Bob; Bob sees the count after a reload and accepts in the page
		assertThat(erin.postJson("/api/accounts/me/friend-requests", "{\"userId\": " + bobId + "}").statusCode())
			.isEqualTo(201);
		bob.reload("Bob");
		bob.waiting().until(ExpectedConditions.textToBe(By.id("friend-requests-badge"), "1"));
		bob.driver().findElement(By.id("friend-requests-button")).click();
		bob.waiting().until(ExpectedConditions.elementToBeClickable(
				By.cssSelector("#requests-received [data-action='accept']"))).click();
		bob.waiting().until(ExpectedConditions.textToBe(By.id("friends-dialog-status"), "You and Erin are friends now."));
		bob.driver().findElement(By.cssSelector("#friends-dialog [data-close-dialog]")).click();
		bob.contact("single:" + erinId);
		assertThat(bob.driver().findElement(By.id("friend-requests-badge")).isDisplayed()).isFalse();

		// Alice makes a group and adds Bob; his page lists it when its first message arrives.
		// The group is new, so its conversation holds only what is said here: the README's picture.
		String groupName = "Weekend hikers";
		alice.driver().findElement(By.id("new-group-button")).click();
		alice.driver().findElement(By.id("new-group-name")).sendKeys(groupName, Keys.ENTER);
		alice.waiting().until(ExpectedConditions.textToBe(By.id("members-title"), "Members of " + groupName));
		String group = alice.driver().findElement(By.cssSelector("#groups-list .contact.active")).getAttribute("data-contact");
		new Select(alice.driver().findElement(By.id("add-member"))).selectByValue(String.valueOf(bobId));
		alice.driver().findElement(By.cssSelector("#add-member-form button[type='submit']")).click();
		alice.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("members-list"), "Bob"));
		alice.screenshot("16-alice-group-members");
		alice.driver().findElement(By.cssSelector("#members-dialog [data-close-dialog]")).click();
		alice.waiting().until(ExpectedConditions.textToBe(By.id("chat-title"), groupName + " (2 members)"));
		// ChromeDriver types only the Basic Multilingual Plane: emoji come from the emoji bar, as a person's would
		String welcome = "Welcome, Bob! Saturday at nine by the lake? 😊";
		alice.composer().sendKeys("Welcome, Bob! Saturday at nine by the lake? ");
		emoji(alice, "😊");
		alice.composer().sendKeys(Keys.ENTER);

		bob.driver().findElement(By.id("groups-tab")).click();
		bob.waiting().until((driver) -> bob.contact(group).getText().contains(welcome));
		assertThat(bob.badge(group)).isEqualTo(1);
		bob.openConversation(group, groupName + " (2 members)");
		bob.waiting().until((driver) -> bob.messageTexts().contains(welcome));
		String reply = "Count me in 👍\nShall I bring the map?";
		bob.composer().sendKeys("Count me in ");
		emoji(bob, "👍");
		bob.composer().sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER), "Shall I bring the map?", Keys.ENTER);
		alice.waiting().until((driver) -> alice.messageTexts().contains(reply));
		alice.send("Yes please. It will be sunny ☀️");
		bob.waiting().until((driver) -> bob.messageTexts().contains("Yes please. It will be sunny ☀️"));
		alice.screenshot("17-alice-weekend-hikers");
		bob.driver().findElement(By.id("friends-tab")).click();
		alice.driver().findElement(By.id("friends-tab")).click();
	}

	@Test
	@Order(11)
	void olderHistoryLoadsWhenScrollingToTheTopAndKeepsThePlace() {
		// Alice is away while Carol writes, so that the messages are in history only (an open
		// page would have received them all as events).
		alice.driver().get("about:blank");
		GatewayUser carolAtTheApi = GatewayUser.loggedIn(webchat.gatewayUrl(), "carol", "carol-secret");
		String run = shortId();
		for (int i = 1; i <= 70; i++) {
			carolAtTheApi.sendMessage(aliceId, "single", "page %s %02d".formatted(run, i));
		}
		alice.driver().get(webchat.gatewayUrl().toString());
		alice.waiting().until(ExpectedConditions.textToBe(By.id("current-user"), "Alice"));

		alice.openConversation("single:" + carolId, "Chatting with Carol");
		alice.waiting().until((driver) -> pageMessages(alice, run).contains("page %s 70".formatted(run)));
		assertThat(pageMessages(alice, run)).as("the newest page: 50 messages")
			.hasSize(50)
			.startsWith("page %s 21".formatted(run));
		WebElement firstShown = alice.driver()
			.findElement(By.xpath("//div[@id='messages']//div[@class='message-text'][text()='page %s 21']".formatted(run)));

		alice.driver().executeScript("document.getElementById('messages').scrollTop = 0");

		alice.waiting().until((driver) -> pageMessages(alice, run).size() == 70);
		List<String> expected = new ArrayList<>();
		for (int i = 1; i <= 70; i++) {
			expected.add("page %s %02d".formatted(run, i));
		}
		assertThat(pageMessages(alice, run)).as("in seq order").containsExactlyElementsOf(expected);
		Number offset = (Number) alice.driver().executeScript("""
				const list = document.getElementById('messages');
				return arguments[0].getBoundingClientRect().top - list.getBoundingClientRect().top;""", firstShown);
		assertThat(offset.doubleValue()).as("the message that was at the top stays in view where it was")
			.isBetween(-20.0, 200.0);
		alice.screenshot("18-alice-history-loaded");
	}

	@Test
	@Order(12)
	void aPhoneSizedScreenShowsTheContactsOrTheChat() {
		try {
			alice.emulateWidth(360);
			alice.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("back-button"))).click();
			alice.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("contacts-pane")));
			assertThat(alice.driver().findElement(By.id("chat-pane")).isDisplayed()).isFalse();
			assertThat(alice.driver().executeScript("return document.documentElement.scrollWidth <= innerWidth"))
				.as("nothing wider than the screen").isEqualTo(true);
			alice.screenshot("19-phone-contacts");

			alice.openConversation("single:" + bobId, "Chatting with Bob");
			alice.waiting().until((driver) -> !alice.messages().isEmpty());
			assertThat(alice.driver().findElement(By.id("contacts-pane")).isDisplayed()).isFalse();
			assertThat(alice.driver().findElement(By.id("composer")).isDisplayed()).isTrue();
			assertThat(alice.driver().executeScript("return document.documentElement.scrollWidth <= innerWidth"))
				.isEqualTo(true);
			alice.screenshot("20-phone-chat");
		}
		finally {
			alice.emulateWidth(0);
		}
		alice.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("contacts-pane")));
	}

	@Test
	@Order(13)
	void whileBothChatInstancesAreDownThePageSaysSoAndCatchesUpWhenOneReturns() {
		GatewayUser bobAtTheApi = GatewayUser.loggedIn(webchat.gatewayUrl(), "bob", "bob-secret");
		alice.openConversation("single:" + bobId, "Chatting with Bob");
		bob.openConversation("single:" + aliceId, "Chatting with Alice");
		CompletableFuture<Void> secondInstanceBack = null;
		try {
			webchat.killChatInstance(0);
			webchat.killChatInstance(1);
			alice.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("connection-banner")));
			assertThat(alice.driver().findElement(By.id("connection-banner")).getText()).isEqualTo("Reconnecting…");

			String offline = "written while the chat was down " + shortId();
			alice.send(offline);
			WebElement failed = alice.waiting().until(
					ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#messages .message.failed")));
			assertThat(failed.getText()).contains(offline).contains("failed — The chat is not available right now.");
			assertThat(failed.findElement(By.className("message-retry")).getText()).isEqualTo("Retry");
			assertThat(alice.driver().findElements(By.cssSelector("#messages .message[data-message-id]")).stream()
				.map(WebElement::getText)).as("nothing unsent is shown as sent").noneMatch((text) -> text.contains(offline));
			alice.screenshot("21-alice-reconnecting");

			// both start together; the page catches up as soon as the first is back
			secondInstanceBack = CompletableFuture.runAsync(() -> webchat.restartChatInstance(1));
			webchat.restartChatInstance(0);
			String meanwhile = "sent as the chat came back " + shortId();
			withRetries("Bob's send", () -> bobAtTheApi.postJson("/api/chat/messages",
					GatewayUser.messageJson(aliceId, "single", meanwhile, "catch-up-" + UUID.randomUUID())));

			new WebDriverWait(alice.driver(), CATCH_UP).until((driver) -> alice.messageTexts().contains(meanwhile));
			alice.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("connection-banner")));
			secondInstanceBack.join();

			alice.driver().findElement(By.cssSelector("#messages .message.failed .message-retry")).click();
			alice.waiting().until((driver) -> confirmedOwnTexts(alice).contains(offline));
			assertThat(alice.driver().findElements(By.cssSelector("#messages .message.failed"))).isEmpty();
			new WebDriverWait(bob.driver(), CATCH_UP).until((driver) -> bob.messageTexts().contains(offline));
			assertThat(bob.messageTexts().stream().filter(offline::equals)).as("the retry arrives once").hasSize(1);
			alice.screenshot("22-alice-caught-up");
		}
		finally {
			if (secondInstanceBack != null) {
				secondInstanceBack.join();
			}
			webchat.restartChatInstance(0);
			webchat.restartChatInstance(1);
		}
	}

	/**
	 * A 5xx from the gateway (no chat instance is back yet) or no answer at all: wait a growing,
	 * randomised delay and try again, as the page does (full jitter, 1 s doubling to 30 s).
	 */
	private static HttpResponse<String> withRetries(String what, Supplier<HttpResponse<String>> request) {
		Instant deadline = Instant.now().plusSeconds(45);
		for (int attempt = 1;; attempt++) {
			try {
				HttpResponse<String> response = request.get();
				if (response.statusCode() < 500) {
					assertThat(response.statusCode()).as("%s: %s", what, response.body()).isBetween(200, 299);
					return response;
				}
			}
			catch (UncheckedIOException ex) {
				// the connection broke: the same as a 502
			}
			assertThat(Instant.now()).as("%s did not succeed in 45 s", what).isBefore(deadline);
			long cap = Math.min(30_000, 1000L << Math.min(attempt - 1, 5));
			new CompletableFuture<Void>().completeOnTimeout(null, (long) (Math.random() * cap), TimeUnit.MILLISECONDS)
				.join();
		}
	}

	/** What the page shows as sent by its user and stored by the server (it has the server's id). */
	private static List<String> confirmedOwnTexts(BrowserSession session) {
		return texts(session.driver().findElements(By.cssSelector("#messages .message.own[data-message-id] .message-text")));
	}

	private static List<String> pageMessages(BrowserSession session, String run) {
		return session.messageTexts().stream().filter((text) -> text.startsWith("page " + run + " ")).toList();
	}

	/** Clicks an emoji in the emoji bar, which inserts it at the caret. */
	private static void emoji(BrowserSession session, String emoji) {
		session.driver().findElement(By.cssSelector("#emoji-bar [data-emoji='" + emoji + "']")).click();
	}

	private static void fill(BrowserSession session, String id, String value) {
		WebElement input = session.driver().findElement(By.id(id));
		input.clear();
		input.sendKeys(value);
	}

	private static String shortId() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	private static List<String> texts(List<WebElement> elements) {
		return elements.stream().map(WebElement::getText).toList();
	}
}
