package io.webchat.systemtest;

import java.net.http.HttpResponse;
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
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page lives: what one person does to a friend request, a friendship or a group shows on the
 * open pages of the others at once — no reload, no focus change, no dialog opened. Dana, Eve (in
 * two browsers, as two tabs) and Finn are new users of this run, each in a headless Chromium of
 * their own. The tests tell one story in order.
 */
@ExtendWith(RunningWebchat.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LivePageIT {

	private static Webchat webchat;

	private static Person dana;

	private static Person eve;

	private static BrowserSession evesSecondTab;

	private static Person finn;

	private static long groupId;

	private static long fellRunners;

	/** A user of this run: the API as them, and their browser. */
	private record Person(String username, String password, String name, long id, GatewayUser api,
			BrowserSession page) {

		static Person signUp(String name) {
			String username = name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
			String password = name + "-" + UUID.randomUUID();
			GatewayUser api = register(username, name, password);
			return new Person(username, password, name, api.id(), api, BrowserSession.open(name.toLowerCase()));
		}

		/** Signs up through the API, as the register page does; logged in, without a browser. */
		static GatewayUser register(String username, String name, String password) {
			GatewayUser visitor = GatewayUser.anonymous(webchat.gatewayUrl());
			visitor.get("/register");
			assertThat(visitor.postJson("/api/accounts/users", """
					{"username": "%s", "displayName": "%s", "password": "%s"}""".formatted(username, name, password))
				.statusCode()).isEqualTo(201);
			return GatewayUser.loggedIn(webchat.gatewayUrl(), username, password);
		}

		void logIn(BrowserSession session) {
			session.logIn(webchat.gatewayUrl(), this.username, this.password, this.name);
		}
	}

	@RegisterExtension
	static final TestWatcher SCREENSHOT_ON_FAILURE = new TestWatcher() {
		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			for (BrowserSession session : sessions()) {
				try {
					session.screenshot("FAILED-live-" + context.getRequiredTestMethod().getName() + "-" + session.name());
				}
				catch (RuntimeException ex) {
					// the failure itself is what matters
				}
			}
		}
	};

	@BeforeAll
	static void signUp(Webchat runningWebchat) {
		webchat = runningWebchat;
		dana = Person.signUp("Dana");
		eve = Person.signUp("Eve");
		finn = Person.signUp("Finn");
		evesSecondTab = BrowserSession.open("eve-2");
	}

	@AfterAll
	static void closeBrowsers() {
		for (BrowserSession session : sessions()) {
			System.out.println("Console of " + session.name() + "'s page: " + session.consoleMessages());
			session.close();
		}
	}

	private static java.util.List<BrowserSession> sessions() {
		return java.util.stream.Stream
			.of((dana != null) ? dana.page() : null, (eve != null) ? eve.page() : null, evesSecondTab,
					(finn != null) ? finn.page() : null)
			.filter(java.util.Objects::nonNull)
			.toList();
	}

	@Test
	@Order(1)
	void everyoneLogsIn() {
		dana.logIn(dana.page());
		eve.logIn(eve.page());
		eve.logIn(evesSecondTab);
		finn.logIn(finn.page());
		assertThat(badgeShown(eve.page())).isFalse();
	}

	@Test
	@Order(2)
	void aFriendRequestAppearsOnEveryPageOfTheAddresseeAndGoesWhenItIsCancelled() {
		evesSecondTab.driver().findElement(By.id("friend-requests-button")).click();
		evesSecondTab.waiting()
			.until(ExpectedConditions.textToBe(By.id("requests-received"), "No requests waiting for you."));

		dana.page().driver().findElement(By.id("friend-requests-button")).click();
		dana.page().driver().findElement(By.id("find-people")).sendKeys(eve.username(), Keys.ENTER);
		dana.page()
			.waiting()
			.until(ExpectedConditions.elementToBeClickable(
					By.cssSelector("#people-found [data-action='ask'][data-id='" + eve.id() + "']")))
			.click();

		eve.page().waiting().until(ExpectedConditions.textToBe(By.id("friend-requests-badge"), "1"));
		evesSecondTab.waiting()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("requests-received"), "Dana"));
		eve.page().screenshot("live-01-eve-friend-request-badge");

		dana.page()
			.waiting()
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#requests-sent [data-action='cancel']")))
			.click();

		eve.page().waiting().until((driver) -> !badgeShown(eve.page()));
		evesSecondTab.waiting()
			.until(ExpectedConditions.textToBe(By.id("requests-received"), "No requests waiting for you."));
	}

	@Test
	@Order(3)
	void aDeclinedRequestLeavesTheSendersOpenList() {
		assertThat(dana.api().postJson("/api/accounts/me/friend-requests", "{\"userId\": " + eve.id() + "}").statusCode())
			.isEqualTo(201);
		// Dana's dialog is still open: her sent list shows the request without her asking
		dana.page()
			.waiting()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("requests-sent"), "Eve"));

		evesSecondTab.waiting()
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#requests-received [data-action='decline']")))
			.click();

		dana.page()
			.waiting()
			.until(ExpectedConditions.textToBe(By.id("requests-sent"), "No requests waiting for others."));
		eve.page().waiting().until((driver) -> !badgeShown(eve.page()));
	}

	@Test
	@Order(4)
	void anAcceptedRequestListsTheNewFriendOnEveryPageOfBoth() {
		assertThat(dana.api().postJson("/api/accounts/me/friend-requests", "{\"userId\": " + eve.id() + "}").statusCode())
			.isEqualTo(201);
		WebElement accept = evesSecondTab.waiting()
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#requests-received [data-action='accept']")));
		// The keyboard is on Accept when Finn's request arrives and comes and goes: the list is
		// read again each time, and Dana's row stays as it was, focus and all.
		evesSecondTab.driver().executeScript("arguments[0].focus()", accept);
		HttpResponse<String> finnsRequest = finn.api()
			.postJson("/api/accounts/me/friend-requests", "{\"userId\": " + eve.id() + "}");
		assertThat(finnsRequest.statusCode()).isEqualTo(201);
		evesSecondTab.waiting()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("requests-received"), "Finn"));
		long finnsRequestId = GatewayUser.JSON.readTree(finnsRequest.body()).get("id").asLong();
		assertThat(finn.api().delete("/api/accounts/me/friend-requests/" + finnsRequestId).statusCode()).isEqualTo(204);
		evesSecondTab.waiting()
			.until(ExpectedConditions.not(
					ExpectedConditions.textToBePresentInElementLocated(By.id("requests-received"), "Finn")));
		assertThat(evesSecondTab.driver().switchTo().activeElement()).isEqualTo(accept);

		accept.click();
		evesSecondTab.driver().findElement(By.cssSelector("#friends-dialog [data-close-dialog]")).click();
		dana.page().driver().findElement(By.cssSelector("#friends-dialog [data-close-dialog]")).click();

		assertThat(dana.page().contact("single:" + eve.id()).getText()).contains("Eve");
		assertThat(eve.page().contact("single:" + dana.id()).getText()).contains("Dana");
		assertThat(evesSecondTab.contact("single:" + dana.id()).getText()).contains("Dana");
		assertThat(badgeShown(eve.page())).isFalse();
	}

	@Test
	@Order(5)
	void anEndedFriendshipLeavesTheListsAndTheOpenWindowSaysWhy() {
		dana.page().openConversation("single:" + eve.id(), "Chatting with Eve");

		assertThat(eve.api().delete("/api/accounts/me/friends/" + dana.id()).statusCode()).isEqualTo(204);

		dana.page()
			.waiting()
			.until(ExpectedConditions.textToBe(By.id("chat-ended"),
					"You and Eve are no longer friends: messages cannot be sent here."));
		assertThat(dana.page().composer().isEnabled()).isFalse();
		assertThat(dana.page().driver().findElements(By.cssSelector("[data-contact='single:" + eve.id() + "']")))
			.isEmpty();
		evesSecondTab.waiting()
			.until(ExpectedConditions
				.invisibilityOfElementLocated(By.cssSelector("[data-contact='single:" + dana.id() + "']")));
		dana.page().screenshot("live-02-dana-friendship-ended");
	}

	@Test
	@Order(6)
	void aGroupOneIsAddedToAppearsAndItsMemberCountFollowsAdditions() {
		groupId = danaCreatesGroup("Lake walkers");
		String group = "group:" + groupId;
		showGroups(eve.page());
		showGroups(evesSecondTab);

		addMember(groupId, eve);

		assertThat(eve.page().contact(group).getText()).contains("Lake walkers");
		assertThat(evesSecondTab.contact(group).getText()).contains("Lake walkers");
		eve.page().openConversation(group, "Lake walkers (2 members)");

		showGroups(finn.page());
		addMember(groupId, finn);

		eve.page().waiting().until(ExpectedConditions.textToBe(By.id("chat-title"), "Lake walkers (3 members)"));
		finn.page().openConversation(group, "Lake walkers (3 members)");
	}

	@Test
	@Order(7)
	void aRenameAndANewAdminShowOnTheMembersPagesAndDialogs() {
		String group = "group:" + groupId;
		showGroups(dana.page());
		dana.page().openConversation(group, "Lake walkers (3 members)");
		openMembersDialog(dana.page(), "Lake walkers");
		openMembersDialog(eve.page(), "Lake walkers");
		assertThat(eve.page().driver().findElement(By.id("rename-group-form")).isDisplayed()).isFalse();
		// Eve's second tab has the keyboard on the group: the list's reload after the rename
		// renames that button in place rather than taking it, and the focus, away.
		WebElement evesGroupButton = evesSecondTab.contact(group);
		evesSecondTab.driver().executeScript("arguments[0].focus()", evesGroupButton);

		WebElementInput.replace(dana.page(), "rename-group", "Tarn walkers");
		dana.page().driver().findElement(By.cssSelector("#rename-group-form button[type='submit']")).click();

		eve.page().waiting().until(ExpectedConditions.textToBe(By.id("members-title"), "Members of Tarn walkers"));
		finn.page().waiting().until(ExpectedConditions.textToBe(By.id("chat-title"), "Tarn walkers (3 members)"));
		evesSecondTab.waiting().until(ExpectedConditions.textToBePresentInElement(evesGroupButton, "Tarn walkers"));
		assertThat(evesSecondTab.driver().switchTo().activeElement()).isEqualTo(evesGroupButton);

		memberAction(dana.page(), "make-admin", eve.id()).click();

		eve.page().waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("rename-group-form")));
		eve.page()
			.waiting()
			.until(ExpectedConditions.textToBePresentInElementLocated(
					By.cssSelector("#members-list [data-user-id='" + eve.id() + "']"), "admin"));
	}

	@Test
	@Order(8)
	void theOwnerHandsTheGroupOnInThePageAndTheNewOwnerMayDeleteIt() {
		memberAction(dana.page(), "make-owner", eve.id()).click();
		dana.page()
			.waiting()
			.until(ExpectedConditions.textToBePresentInElement(memberAction(dana.page(), "make-owner", eve.id()),
					"Hand the group to Eve?"));
		// Between her two clicks Dana makes Finn an admin from another device: her page draws the
		// list anew, and the question it asked about Eve stays asked.
		assertThat(dana.api().putJson("/api/accounts/groups/" + groupId + "/admins/" + finn.id(), "{}").statusCode())
			.isEqualTo(204);
		dana.page()
			.waiting()
			.until(ExpectedConditions.textToBe(By.cssSelector("#members-list [data-user-id='" + finn.id() + "'] .badge"),
					"admin"));
		assertThat(memberAction(dana.page(), "make-owner", eve.id()).getText())
			.isEqualTo("Hand the group to Eve? Click again");
		memberAction(dana.page(), "make-owner", eve.id()).click();

		dana.page().waiting().until(ExpectedConditions.textToBe(By.id("members-status"), "Eve owns the group now."));
		eve.page().waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("delete-group")));
		dana.page().waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("delete-group")));
		assertThat(dana.page().driver().findElement(By.id("leave-group")).isDisplayed()).isTrue();
		eve.page().screenshot("live-03-eve-owns-the-group");
	}

	@Test
	@Order(9)
	void aRemovedMemberSeesTheGroupGoAndItsOpenWindowSaysWhy() {
		memberAction(eve.page(), "remove", finn.id()).click();

		finn.page()
			.waiting()
			.until(ExpectedConditions.textToBe(By.id("chat-ended"),
					"You are no longer a member of this group: messages cannot be sent here."));
		assertThat(finn.page().composer().isEnabled()).isFalse();
		assertThat(finn.page().driver().findElements(By.cssSelector("[data-contact='group:" + groupId + "']")))
			.isEmpty();
		dana.page()
			.waiting()
			.until(ExpectedConditions.invisibilityOfElementLocated(
					By.cssSelector("#members-list [data-user-id='" + finn.id() + "']")));
	}

	@Test
	@Order(10)
	void theOwnerDeletesTheGroupAfterConfirmingAndEveryMembersPageSaysSo() {
		dana.page().driver().findElement(By.cssSelector("#members-dialog [data-close-dialog]")).click();
		WebElementInput.click(eve.page(), "delete-group");
		eve.page()
			.waiting()
			.until(ExpectedConditions.textToBe(By.id("delete-group"),
					"Delete this group for everyone? Click again to delete"));
		assertThat(dana.page().driver().findElement(By.id("chat-ended")).isDisplayed()).isFalse();
		WebElementInput.click(eve.page(), "delete-group");

		dana.page()
			.waiting()
			.until(ExpectedConditions.textToBe(By.id("chat-ended"), "This group was deleted: messages cannot be sent here."));
		evesSecondTab.waiting()
			.until(ExpectedConditions
				.invisibilityOfElementLocated(By.cssSelector("[data-contact='group:" + groupId + "']")));
		eve.page()
			.waiting()
			.until(ExpectedConditions
				.invisibilityOfElementLocated(By.cssSelector("[data-contact='group:" + groupId + "']")));
		dana.page().screenshot("live-04-dana-group-deleted");
	}

	@Test
	@Order(11)
	void aPageThatMissedAChangeShowsTheRefusalInWordsAndCatchesUpWhenItHearsAgain() {
		fellRunners = danaCreatesGroup("Fell runners");
		addMember(fellRunners, eve);
		String group = "group:" + fellRunners;
		showGroups(dana.page());
		dana.page().waiting().until((driver) -> !driver.findElements(By.cssSelector("[data-contact='" + group + "']")).isEmpty());
		dana.page().openConversation(group, "Fell runners (2 members)");
		openMembersDialog(dana.page(), "Fell runners");

		danasPageStopsHearingAfter(fellRunners, "Hill reps on Sunday?");
		// from another device, Dana hands the group to Eve: this page does not learn of it
		handOver(fellRunners, dana, eve);

		String refusal = "Not done: Only the owner of group " + fellRunners + " may do this.";
		memberAction(dana.page(), "make-owner", eve.id()).click();
		memberAction(dana.page(), "make-owner", eve.id()).click();
		dana.page().waiting().until(ExpectedConditions.textToBe(By.id("members-status"), refusal));
		assertThat(memberAction(dana.page(), "make-owner", eve.id()).getText()).as("another try asks again")
			.isEqualTo("Make owner");
		dana.page().driver().executeScript("document.getElementById('members-status').textContent = ''");
		WebElementInput.click(dana.page(), "delete-group");
		WebElementInput.click(dana.page(), "delete-group");
		dana.page().waiting().until(ExpectedConditions.textToBe(By.id("members-status"), refusal));
		assertThat(dana.page().driver().findElement(By.id("delete-group")).getText()).as("another try asks again")
			.isEqualTo("Delete group");
		dana.page().screenshot("live-05-dana-refused-on-a-page-that-missed-the-transfer");
		assertThat(eve.api().get("/api/accounts/groups/" + fellRunners).statusCode()).as("nothing half-done")
			.isEqualTo(200);

		dana.page().letLongPollsThrough();

		dana.page()
			.waiting()
			.until(ExpectedConditions.invisibilityOfElementLocated(By.id("delete-group")));
		assertThat(dana.page().driver().findElement(By.id("leave-group")).isDisplayed()).isTrue();

		// the other way round: Eve hands the group back while the page hears nothing, and the
		// page still offers Dana to leave a group she owns again
		danasPageStopsHearingAfter(fellRunners, "Back to you, Dana");
		handOver(fellRunners, eve, dana);
		WebElementInput.click(dana.page(), "leave-group");
		WebElementInput.click(dana.page(), "leave-group");
		dana.page()
			.waiting()
			.until(ExpectedConditions.textToBe(By.id("members-status"), "Not done: You own group " + fellRunners
					+ ": transfer ownership first, or delete the group."));
		assertThat(dana.page().driver().findElement(By.id("leave-group")).getText()).as("another try asks again")
			.isEqualTo("Leave group");
		assertThat(dana.page().contact(group).isDisplayed()).as("still listed: she is still in it").isTrue();

		dana.page().letLongPollsThrough();

		dana.page().waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("delete-group")));
		assertThat(dana.page().driver().findElement(By.id("leave-group")).isDisplayed()).isFalse();
	}

	@Test
	@Order(12)
	void theFriendChosenToAddStaysChosenAndIsNeverSwappedForAnother() {
		// Dana's members dialog of Fell runners is still open; she owns it, Eve is in it
		GatewayUser gus = Person.register("gus-" + UUID.randomUUID().toString().substring(0, 8), "Gus",
				"Gus-" + UUID.randomUUID());
		befriend(dana.api(), finn.api());
		befriend(dana.api(), gus);
		for (long friend : new long[] { finn.id(), gus.id() }) {
			dana.page()
				.waiting()
				.until((driver) -> !driver.findElements(By.cssSelector("[data-contact='single:" + friend + "']")).isEmpty());
		}
		appointAdmin(fellRunners, eve, true);
		By addSelect = By.id("add-member");
		dana.page().waiting().until((driver) -> new Select(driver.findElement(addSelect)).getOptions().size() == 3);
		Select add = new Select(dana.page().driver().findElement(addSelect));
		assertThat(add.getFirstSelectedOption().getText()).isEqualTo("Choose a friend…");
		String second = add.getOptions().get(2).getDomProperty("value");
		add.selectByValue(second);

		// a group event draws the dialog anew: the choice stays
		appointAdmin(fellRunners, eve, false);
		dana.page()
			.waiting()
			.until(ExpectedConditions.numberOfElementsToBe(
					By.cssSelector("#members-list [data-user-id='" + eve.id() + "'] .badge"), 0));
		assertThat(dana.page().driver().findElement(addSelect).getDomProperty("value")).isEqualTo(second);

		// the chosen friend is added from elsewhere: the page asks again rather than choose the other
		assertThat(dana.api()
			.postJson("/api/accounts/groups/" + fellRunners + "/members", "{\"userId\": " + second + "}")
			.statusCode()).isEqualTo(201);
		dana.page()
			.waiting()
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#members-list [data-user-id='" + second + "']")));
		assertThat(dana.page().driver().findElement(addSelect).getDomProperty("value")).isEmpty();
		dana.page().driver().findElement(By.cssSelector("#add-member-form button[type='submit']")).click();
		dana.page()
			.waiting()
			.until(ExpectedConditions.textToBe(By.id("members-status"), "Choose the friend to add first."));
		assertThat(GatewayUser.JSON.readTree(dana.api().get("/api/accounts/groups/" + fellRunners).body())
			.get("memberCount")
			.asInt()).as("Dana, Eve and the friend she chose; nobody else").isEqualTo(3);
	}

	private static long danaCreatesGroup(String name) {
		var created = dana.api().postJson("/api/accounts/groups", "{\"name\": \"" + name + "\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		return GatewayUser.JSON.readTree(created.body()).get("id").asLong();
	}

	/** Dana's page stops hearing events: the poll already waiting ends with Eve's message. */
	private static void danasPageStopsHearingAfter(long group, String evesMessage) {
		dana.page().dropLongPolls();
		eve.api().sendMessage(group, "group", evesMessage);
		dana.page().waiting().until((driver) -> dana.page().messageTexts().contains(evesMessage));
	}

	private static void handOver(long group, Person owner, Person member) {
		assertThat(owner.api()
			.putJson("/api/accounts/groups/" + group + "/owner", "{\"userId\": " + member.id() + "}")
			.statusCode()).isEqualTo(204);
	}

	private static void befriend(GatewayUser asker, GatewayUser addressee) {
		HttpResponse<String> sent = asker.postJson("/api/accounts/me/friend-requests",
				"{\"userId\": " + addressee.id() + "}");
		assertThat(sent.statusCode()).isEqualTo(201);
		long request = GatewayUser.JSON.readTree(sent.body()).get("id").asLong();
		assertThat(addressee.postJson("/api/accounts/me/friend-requests/" + request + "/acceptance", "").statusCode())
			.isEqualTo(201);
	}

	private static void appointAdmin(long group, Person member, boolean admin) {
		String admins = "/api/accounts/groups/" + group + "/admins/" + member.id();
		assertThat((admin ? dana.api().putJson(admins, "{}") : dana.api().delete(admins)).statusCode()).isEqualTo(204);
	}

	private static void addMember(long group, Person person) {
		assertThat(dana.api()
			.postJson("/api/accounts/groups/" + group + "/members", "{\"userId\": " + person.id() + "}")
			.statusCode()).isEqualTo(201);
	}

	private static void showGroups(BrowserSession session) {
		session.driver().findElement(By.id("groups-tab")).click();
	}

	private static void openMembersDialog(BrowserSession session, String groupName) {
		session.waiting().until(ExpectedConditions.elementToBeClickable(By.id("group-members-button"))).click();
		session.waiting().until(ExpectedConditions.textToBe(By.id("members-title"), "Members of " + groupName));
	}

	private static WebElement memberAction(BrowserSession session, String action, long userId) {
		return session.waiting()
			.until(ExpectedConditions.elementToBeClickable(
					By.cssSelector("#members-list [data-action='" + action + "'][data-id='" + userId + "']")));
	}

	private static boolean badgeShown(BrowserSession session) {
		return session.driver().findElement(By.id("friend-requests-badge")).isDisplayed();
	}

	/** Typing into and clicking elements by id, once they can take it. */
	private static final class WebElementInput {

		static void replace(BrowserSession session, String id, String text) {
			var input = session.waiting().until(ExpectedConditions.elementToBeClickable(By.id(id)));
			input.clear();
			input.sendKeys(text);
		}

		static void click(BrowserSession session, String id) {
			session.waiting().until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
		}
	}
}
