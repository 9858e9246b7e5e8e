package io.webchat.gateway.token;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.webchat.gateway.session.ChatUser;
import io.webchat.identity.IdentityTokenIssuer;

/**
 * The identity token a user's requests carry to one service, minted once and reused until a
 * minute of its life is left. Signing (RS256) costs about a millisecond of CPU — more than
 * everything else the gateway does to forward a request — and a user who chats sends several
 * requests a second; verifying stays cheap on the services' side. The token still names one
 * audience and expires within {@code webchat.identity-token.time-to-live}, so a captured one is
 * useless at the other service and soon useless altogether.
 */
public final class ReusedIdentityTokens {

	/** Whose token for which service: a user's, or (user id 0, no name) the gateway's own for a scope. */
	private record Holder(long userId, String username, String audience, String scope) {
	}

	private final Cache<Holder, String> tokens;

	private final IdentityTokenIssuer issuer;

	/**
	 * @param ticker measures the reuse period: {@link Ticker#systemTicker()}, monotonic, so that
	 *        a wall clock set back cannot stretch a token's reuse past its expiry
	 */
	public ReusedIdentityTokens(IdentityTokenIssuer issuer, Duration timeToLive, long maxUsers, Ticker ticker) {
		this.issuer = issuer;
		this.tokens = Caffeine.newBuilder()
			.expireAfterWrite(reusePeriod(timeToLive))
			.maximumSize(maxUsers * 2)
			.ticker(ticker)
			.build();
	}

	/**
	 * How long a minted token is handed out: until a minute of its life is left, or half of it
	 * for a life under two minutes. A service checks a token once, when the request arrives —
	 * a long poll too — so the last one handed out has a minute to arrive in, retries included.
	 * With the default five minutes, each active user costs one signature every four minutes:
	 * 5,000 users, about 20 a second.
	 */
	static Duration reusePeriod(Duration timeToLive) {
		Duration leftAtTheEnd = Duration.ofMinutes(1);
		Duration half = timeToLive.dividedBy(2);
		return (half.compareTo(leftAtTheEnd) < 0) ? half : timeToLive.minus(leftAtTheEnd);
	}

	/** The token for {@code user}'s request to {@code audience}. */
	public String tokenFor(ChatUser user, String audience) {
		return this.tokens.get(new Holder(user.id(), user.username(), audience, null),
				(holder) -> this.issuer.issueForUser(holder.userId(), holder.username(), holder.audience()));
	}

	/** The gateway's own token for a call of {@code scope} to {@code audience}, e.g. a password check. */
	public String gatewayTokenFor(String audience, String scope) {
		return this.tokens.get(new Holder(0, null, audience, scope),
				(holder) -> this.issuer.issueForGateway(holder.audience(), holder.scope()));
	}
}
