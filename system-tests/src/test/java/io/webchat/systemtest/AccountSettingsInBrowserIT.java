package io.webchat.systemtest;

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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person looks after their own account in the chat page: renames themselves, removes a friend
 * and changes their password, which ends their sessions. Two throwaway users, registered
 * through the API, so the demo users stay as they are.
 */
@ExtendWith(RunningWebchat.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountSettingsInBrowserIT {

	private static Webchat webchat;

	private static BrowserSession dana;

	private static String danaUsername;

	private static String danaPassword;

	private static long danaId;

	private static long frankId;

	private static GatewayUser frank;

	@RegisterExtension
	static final TestWatcher SCREENSHOT_ON_FAILURE = new TestWatcher() {
		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			if (dana != null) {
				try {
					dana.screenshot("FAILED-" + context.getRequiredTestMethod().getName() + "-" + dana.name());
				}
				catch (RuntimeException ex) {
					// the failure itself is what matters
				}
			}
		}
	};

	@BeforeAll
	static void registerFriendsAndOpenABrowser(Webchat runningWebchat) {
		webchat = runningWebchat;
		String run = UUID.randomUUID().toString().substring(0, 8);
		danaUsername = "dana-" + run;
		danaPassword = "Dana-" + UUID.randomUUID();
		String frankUsername = "frank-" + run;
		String frankPassword = "Frank-" + UUID.randomUUID();
		register(danaUsername, "Dana", danaPassword);
		register(frankUsername, "Frank", frankPassword);
		GatewayUser danaAtTheApi = GatewayUser.loggedIn(webchat.gatewayUrl(), danaUsername, danaPassword);
		frank = GatewayUser.loggedIn(webchat.gatewayUrl(), frankUsername, frankPassword);
		danaId = danaAtTheApi.id();
		frankId = frank.id();
		assertThat(danaAtTheApi.postJson("/api/accounts/me/friend-requests", "{\"userId\": " + frankId + "}")
			.statusCode()).isEqualTo(201);
		JsonNode fromDana = frank.getJson("/api/accounts/me/friend-requests/received").get("content").get(0);
		assertThat(frank.postJson("/api/accounts/me/friend-requests/" + fromDana.get("id").asLong() + "/acceptance", "")
			.statusCode()).isEqualTo(201);
		dana = BrowserSession.open("dana");
	}

	@AfterAll
	static void closeBrowser() {
		if (dana != null) {
			System.out.println("Console of " + dana.name() + "'s page: " + dana.consoleMessages());
			dana.close();
		}
	}

	@Test
	@Order(1)
	void aNewDisplayNameShowsInTheHeader() {
		dana.logIn(webchat.gatewayUrl(), danaUsername, danaPassword, "Dana");
		dana.driver().findElement(By.id("profile-button")).click();
		WebElement name = dana.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("profile-display-name")));
		assertThat(name.getAttribute("value")).isEqualTo("Dana");
		name.clear();
		name.sendKeys("Dana Renamed");
		dana.driver().findElement(By.id("display-name-save")).click();
		dana.waiting().until(ExpectedConditions.textToBe(By.id("current-user"), "Dana Renamed"));
		assertThat(dana.driver().findElement(By.id("display-name-status")).getText())
			.isEqualTo("Your display name is now Dana Renamed.");
		dana.screenshot("18-profile-dialog");
		dana.driver().findElement(By.cssSelector("#profile-dialog [data-close-dialog]")).click();
		// the friend sees it too, the next time their list loads
		assertThat(frank.getJson("/api/accounts/me/friends").get("content").get(0).get("displayName").asString())
			.isEqualTo("Dana Renamed");
	}

	@Test
	@Order(2)
	void aRemovedFriendLeavesTheListAndTheirChatCloses() {
		dana.openConversation("single:" + frankId, "Chatting with Frank");
		WebElement remove = dana.waiting()
			.until(ExpectedConditions.elementToBeClickable(By.id("remove-friend-button")));
		assertThat(remove.getAttribute("aria-label")).isEqualTo("Remove Frank from your friends");
		remove.click();
		dana.waiting().until(ExpectedConditions.textToBe(By.id("remove-friend-question"),
				"Remove Frank from your friends? You can ask again later."));
		// Cancel changes nothing
		dana.driver().findElement(By.id("remove-friend-cancel")).click();
		assertThat(dana.contact("single:" + frankId).isDisplayed()).isTrue();

		remove.click();
		dana.waiting().until(ExpectedConditions.elementToBeClickable(By.id("remove-friend-confirm")));
		dana.screenshot("19-remove-friend-confirm");
		dana.driver().findElement(By.id("remove-friend-confirm")).click();
		dana.waiting().until(ExpectedConditions.invisibilityOfElementLocated(
				By.cssSelector("button.contact[data-contact=\"single:" + frankId + "\"]")));
		dana.waiting().until(ExpectedConditions.textToBe(By.id("chat-title"), "Select a friend or group"));
		assertThat(dana.driver().findElement(By.id("remove-friend-button")).isDisplayed()).isFalse();
		assertThat(dana.driver().findElement(By.id("friends-empty")).getText()).isEqualTo("No friends yet.");
		assertThat(frank.getJson("/api/accounts/me/friends").get("content")).isEmpty();
	}

	@Test
	@Order(3)
	void aNewPasswordEndsTheSessionAndTheLoginPageSaysWhy() {
		// another session of Dana's, which must end with the one in the browser
		GatewayUser danaElsewhere = GatewayUser.loggedIn(webchat.gatewayUrl(), danaUsername, danaPassword);
		String newPassword = "Dana-new-" + UUID.randomUUID();

		dana.driver().findElement(By.id("profile-button")).click();
		fill("current-password", "not-" + danaPassword);
		fill("new-password", newPassword);
		fill("repeat-password", newPassword + "x");
		dana.driver().findElement(By.id("password-change")).click();
		dana.waiting().until(ExpectedConditions.textToBe(By.id("repeat-password-error"),
				"The two new passwords differ."));

		fill("repeat-password", newPassword);
		dana.driver().findElement(By.id("password-change")).click();
		dana.waiting().until(ExpectedConditions.textToBe(By.id("current-password-error"),
				"This is not your current password."));
		assertThat(dana.driver().findElement(By.id("current-password")).getAttribute("aria-invalid")).isEqualTo("true");

		fill("current-password", danaPassword);
		fill("new-password", "password");
		fill("repeat-password", "password");
		dana.driver().findElement(By.id("password-change")).click();
		dana.waiting().until((driver) -> !driver.findElement(By.id("new-password-error")).getText().isEmpty());
		assertThat(danaElsewhere.get("/api/accounts/me").statusCode()).isEqualTo(200);

		fill("new-password", newPassword);
		fill("repeat-password", newPassword);
		dana.driver().findElement(By.id("password-change")).click();
		dana.waiting().until(ExpectedConditions.urlContains("/login?passwordChanged"));
		assertThat(dana.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("password-changed-notice")))
			.getText()).isEqualTo("Your password was changed. Log in again.");
		dana.screenshot("20-password-changed");

		// neither session works any more, and the old password opens none
		assertThat(danaElsewhere.get("/api/accounts/me").statusCode()).isEqualTo(401);
		dana.driver().get(webchat.gatewayUrl().toString());
		dana.waiting().until(ExpectedConditions.urlContains("/login"));
		assertThat(GatewayUser.anonymous(webchat.gatewayUrl()).submitLogin(danaUsername, danaPassword)
			.headers()
			.firstValue("Location")).hasValueSatisfying((location) -> assertThat(location).contains("/login?error"));

		dana.submitLogin(danaUsername, newPassword, "Dana Renamed");
	}

	private static void register(String username, String displayName, String password) {
		GatewayUser visitor = GatewayUser.anonymous(webchat.gatewayUrl());
		visitor.get("/register");
		assertThat(visitor.postJson("/api/accounts/users", """
				{"username": "%s", "displayName": "%s", "password": "%s"}""".formatted(username, displayName, password))
			.statusCode()).isEqualTo(201);
	}

	private static void fill(String id, String value) {
		WebElement input = dana.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
		input.clear();
		input.sendKeys(value);
	}
}
