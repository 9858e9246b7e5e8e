package io.webchat.loadtest.client;

import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;

import io.webchat.loadtest.fixture.BulkFixture;

/** Who sends the next message to whom. */
public interface MessagePlan {

	Planned next();

	/**
	 * @param recipients the users owed a copy (not the sender, whose client has the message already), sorted
	 */
	record Planned(long sender, String type, long to, long[] recipients) {
	}

	/** A random user writes to a random one of their friends. */
	static MessagePlan oneToOne(int users, int friendsPerSide) {
		return () -> {
			long sender = ThreadLocalRandom.current().nextLong(1, users + 1);
			long[] friends = BulkFixture.friendsOf(sender, users, friendsPerSide);
			long to = friends[ThreadLocalRandom.current().nextInt(friends.length)];
			return new Planned(sender, "single", to, new long[] { to });
		};
	}

	/** A random member writes to the big group; every other member is owed a copy. */
	static MessagePlan group(int groupSize) {
		return () -> {
			long sender = ThreadLocalRandom.current().nextLong(1, groupSize + 1);
			long[] others = LongStream.rangeClosed(1, groupSize).filter((id) -> id != sender).toArray();
			return new Planned(sender, "group", BulkFixture.GROUP_ID, others);
		};
	}
}
