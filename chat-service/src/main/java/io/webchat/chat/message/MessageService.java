package io.webchat.chat.message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.webchat.chat.conversation.ChatMessage;
import io.webchat.chat.conversation.ConversationKey;
import io.webchat.chat.conversation.ConversationProperties;
import io.webchat.chat.conversation.MessageType;
import io.webchat.chat.delivery.ChatEvents;
import io.webchat.chat.delivery.EventDelivery;
import io.webchat.chat.redis.ChatKeys;
import io.webchat.chat.redis.ChatRedis;
import io.webchat.chat.redis.LuaScript;
import io.webchat.chat.relations.SendPermissions;
import io.webchat.problem.ApiProblem;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

@Service
class MessageService {

	private static final LuaScript STORE = LuaScript.load("scripts/store-message.lua", ScriptOutputType.MULTI);

	/** How long a sender's retry waits before it may finish a delivery the first attempt began. */
	private static final Duration DELIVERY_CLAIM = Duration.ofSeconds(10);

	/** What store-message.lua says of a retry's delivery: done, this caller's to do, or another's. */
	private static final long DELIVERED = 0;

	private static final long ANOTHER_ATTEMPT_DELIVERS = 2;

	/** How long a retry waits for a racing attempt to deliver, in as many looks. */
	private static final Duration RACING_ATTEMPT_WAIT = Duration.ofSeconds(1);

	private static final int RACING_ATTEMPT_WAITS = 10;

	private final SendPermissions permissions;

	private final EventDelivery delivery;

	private final ChatRedis redis;

	private final ConversationProperties conversations;

	private final JsonMapper json;

	private final Clock clock;

	private final MessageProperties limits;

	private final SendRateLimiter rateLimiter;

	MessageService(SendPermissions permissions, EventDelivery delivery, ChatRedis redis,
			ConversationProperties conversations, JsonMapper json, Clock clock, MessageProperties limits,
			SendRateLimiter rateLimiter) {
		this.limits = limits;
		this.rateLimiter = rateLimiter;
		this.permissions = permissions;
		this.delivery = delivery;
		this.redis = redis;
		this.conversations = conversations;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Checks the sender may write to {@code to}, stores the message in its conversation (with
	 * the next sequence number, once per client message id), and delivers it to every client of
	 * the recipients and of the sender but the sending client (which has it from the answer),
	 * raising the recipients' unread counts.
	 */
	Mono<SentMessage> send(long senderId, SendMessageRequest request) {
		Mono<SentMessage> sending = Mono.defer(() -> {
			MessageText.check(request.msg(), this.limits.maxLength());
			Mono<List<Long>> recipients = switch (request.type()) {
				case SINGLE -> this.permissions.friendRecipient(senderId, request.to());
				case GROUP -> this.permissions.groupRecipients(senderId, request.to());
			};
			return recipients.flatMap((to) -> this.rateLimiter.acquire(senderId)
				.then(Mono.fromCompletionStage(() -> this.redis.async().incr(ChatKeys.MESSAGE_ID)))
				.flatMap((id) -> store(id, senderId, request, to)));
		});
		// Started here and finished even if the client hangs up: a message stored must be delivered.
		return Mono.fromFuture(sending.toFuture(), true);
	}

	private Mono<SentMessage> store(long id, long senderId, SendMessageRequest request, List<Long> recipients) {
		ConversationKey conversation = ConversationKey.of(request.type(), senderId, request.to());
		boolean idempotent = request.clientMessageId() != null;
		String sentKey = idempotent ? ChatKeys.sent(conversation.storageId(), senderId, request.clientMessageId())
				: ChatKeys.sent(conversation.storageId(), senderId, "-");
		Unsequenced unsequenced = new Unsequenced(id, senderId, request.to(), request.type(), request.msg(),
				this.clock.instant().truncatedTo(ChronoUnit.MILLIS), request.clientMessageId());
		return Mono.fromCompletionStage(() -> STORE.<List<Object>>runAsync(this.redis.async(),
				List.of(ChatKeys.sequence(conversation.storageId()), ChatKeys.history(conversation.storageId()), sentKey, sentKey + ":delivered",
						sentKey + ":delivering"),
				List.of(this.json.writeValueAsString(unsequenced).substring(1),
						Integer.toString(this.conversations.historyCap()),
						Long.toString(this.conversations.clientMessageIdTimeToLive().toSeconds()), idempotent ? "1" : "0",
						Long.toString(DELIVERY_CLAIM.toMillis()))))
			.flatMap((stored) -> {
				boolean created = ((Long) stored.get(0)) == 1;
				String messageJson = (String) stored.get(1);
				long delivery = (Long) stored.get(2);
				SentMessage sent = new SentMessage(this.json.readValue(messageJson, ChatMessage.class), created);
				if (delivery == DELIVERED) {
					return Mono.just(sent);
				}
				if (delivery == ANOTHER_ATTEMPT_DELIVERS) {
					return deliveredByTheOtherAttempt(sentKey, Duration.ofMillis(Math.max(0, (Long) stored.get(3))))
						.thenReturn(sent);
				}
				// a retry of a send that stored but died before delivering finishes the delivery
				Map<Long, String> unreadFieldByUser = new LinkedHashMap<>();
				unreadFieldByUser.put(senderId, "");
				recipients.forEach((recipient) -> unreadFieldByUser.put(recipient, conversation.nameFor(recipient)));
				EventDelivery.ClientAddress sendingClient = (request.clientId() != null)
						? new EventDelivery.ClientAddress(senderId, request.clientId()) : null;
				Mono<Void> delivered = this.delivery.deliver(ChatEvents.message(messageJson), unreadFieldByUser,
						sendingClient);
				if (idempotent) {
					delivered = delivered.then(Mono.fromCompletionStage(() -> this.redis.async()
						.set(sentKey + ":delivered", "1",
								SetArgs.Builder.ex(this.conversations.clientMessageIdTimeToLive().toSeconds())))
						.then());
				}
				return delivered.thenReturn(sent);
			});
	}

	/**
	 * Another attempt of this send holds the claim to deliver it: usually a retry racing the
	 * first attempt, which delivers within milliseconds, so this one waits a little for it. One
	 * that died meanwhile (its instance, or Redis, went away between storing and delivering)
	 * never will: the sender is told to retry once its claim has lapsed, when the retry takes the
	 * claim and delivers. Answering the stored copy without that would call a message sent that
	 * nobody ever receives.
	 */
	private Mono<Void> deliveredByTheOtherAttempt(String sentKey, Duration claimLeft) {
		return Flux.interval(Duration.ZERO, RACING_ATTEMPT_WAIT.dividedBy(RACING_ATTEMPT_WAITS))
			.take(RACING_ATTEMPT_WAITS)
			.concatMap((look) -> Mono.fromCompletionStage(() -> this.redis.async().exists(sentKey + ":delivered")))
			.filter((found) -> found == 1)
			.next()
			.switchIfEmpty(Mono.error(() -> sendInProgress(claimLeft)))
			.then();
	}

	private static ApiProblem sendInProgress(Duration claimLeft) {
		ApiProblem inProgress = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "send-in-progress",
				"This message is stored and not yet delivered; send it again with the same clientMessageId.");
		inProgress.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, claimLeft.toSeconds() + 1)));
		return inProgress;
	}

	/** A message before its conversation gives it a sequence number; the script writes {@code seq} first. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Unsequenced(long id, long from, long to, MessageType type, String msg, Instant timestamp,
			String clientMessageId) {
	}

	record SentMessage(ChatMessage message, boolean created) {
	}
}
