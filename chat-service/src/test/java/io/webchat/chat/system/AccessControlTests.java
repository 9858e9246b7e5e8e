package io.webchat.chat.system;

import io.webchat.chat.ChatServiceIntegrationTest;
import io.webchat.identity.IdentityTokenClaims;
import io.webchat.testsupport.TestIdentityKeys;
import io.webchat.testsupport.RedisTestService;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Import;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** chat-service believes nobody but the gateway's token, meant for it, and shows each user only their own things. */
@Import(RedisTestService.class)
class AccessControlTests extends ChatServiceIntegrationTest {

	@Test
	void refusesAPollWithoutToken() {
		var answer = this.http.get().uri("/api/chat/inbox?timeout=0").retrieve().toEntity(String.class);
		assertThat(answer.getStatusCode().value()).isEqualTo(401);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void theApiDocumentNeedsTheGatewaysTokenLikeEveryOtherCall() {
		var withoutToken = this.http.get().uri("/api/chat/v3/api-docs").retrieve().toBodilessEntity();
		var withToken = this.http.get()
			.uri("/api/chat/v3/api-docs")
			.header("Authorization", bearer(newUserId()))
			.retrieve()
			.toEntity(String.class);

		assertThat(withoutToken.getStatusCode().value()).isEqualTo(401);
		assertThat(withToken.getStatusCode().value()).isEqualTo(200);
		assertThat(withToken.getBody()).contains("\"/api/chat/messages\"");
	}

	@Test
	void refusesATokenSignedByAnotherKey() {
		String forged = TestIdentityKeys.untrusted().issuer().issueForUser(1, "mallory", IdentityTokenClaims.CHAT_SERVICE);
		assertThat(pollWith("Bearer " + forged)).isEqualTo(401);
	}

	@Test
	void refusesATokenMeantForAccountService() {
		String forAccounts = TestIdentityKeys.TRUSTED.issuer().issueForUser(1, "alice", IdentityTokenClaims.ACCOUNT_SERVICE);
		assertThat(pollWith("Bearer " + forAccounts)).isEqualTo(401);
	}

	@Test
	void refusesTheGatewaysOwnCredentialsToken() {
		String gatewayToken = TestIdentityKeys.TRUSTED.issuer()
			.issueForGateway(IdentityTokenClaims.CHAT_SERVICE, IdentityTokenClaims.CREDENTIALS_CHECK_SCOPE);
		assertThat(pollWith("Bearer " + gatewayToken)).isEqualTo(403);
	}

	@Test
	void refusesASendWithoutToken() {
		var answer = this.http.post()
			.uri("/api/chat/messages")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"to\": 2, \"type\": \"single\", \"msg\": \"hi\"}")
			.retrieve()
			.toBodilessEntity();
		assertThat(answer.getStatusCode().value()).isEqualTo(401);
	}

	private int pollWith(String authorization) {
		return this.http.get()
			.uri("/api/chat/inbox?timeout=0")
			.header("Authorization", authorization)
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value();
	}

	@Test
	void aUserCannotPollOrCloseAnotherUsersClientByItsId() {
		long alice = newUserId();
		long mallory = newUserId();
		Client alicesPage = register(alice);

		var stolenPoll = this.http.get()
			.uri("/api/chat/clients/{id}/events?timeout=0", alicesPage.id())
			.header("Authorization", bearer(mallory))
			.retrieve()
			.toEntity(String.class);
		this.http.delete()
			.uri("/api/chat/clients/{id}", alicesPage.id())
			.header("Authorization", bearer(mallory))
			.retrieve()
			.toBodilessEntity();

		// the client id is looked up under the caller's own user: to anyone else it does not exist
		assertThat(stolenPoll.getStatusCode().value()).isEqualTo(404);
		assertThat(poll(alicesPage, null, 0).status()).isEqualTo(200);
	}

	@Test
	void aUserCannotReadAConversationTheyAreNotPartOf() {
		long alice = newUserId();
		long bob = newUserId();
		long mallory = newUserId();
		givenFriends(alice, bob);
		sendText(alice, bob, "private");

		// conversations are named from the reader's side: mallory can only name her own
		assertThat(historyOf(mallory, "single:" + alice)).isEmpty();
		assertThat(historyOf(mallory, "single:" + bob)).isEmpty();
		assertThat(this.http.get()
			.uri("/api/chat/conversations/single:{a}:{b}/messages", alice, bob)
			.header("Authorization", bearer(mallory))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(400);
	}
}
