package io.webchat.chat.conversation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param historyCap messages kept per conversation; older ones are dropped
 * @param defaultPageSize messages per history page when the client does not say
 * @param maxPageSize the cap on a history page
 * @param clientMessageIdTimeToLive how long a sender's client message id is remembered, so a
 *        send retried within it is stored once. Redis holds two keys per message sent for this
 *        long, so it is sized to the page's retries (a send unanswered after 20 s is shown as
 *        failed, for the user to retry): an hour covers them, and at 1,000 messages a second
 *        is some 7 million keys, where a day would be 170 million
 */
@ConfigurationProperties("webchat.chat.conversation")
public record ConversationProperties(@DefaultValue("10000") int historyCap, @DefaultValue("50") int defaultPageSize,
		@DefaultValue("200") int maxPageSize, @DefaultValue("1h") Duration clientMessageIdTimeToLive) {
}
