package io.webchat.loadtest.report;

import java.util.Map;

/** Redis at the end of a scenario step, from {@code INFO}. */
public record RedisUse(long connectedClients, long blockedClients, long usedMemoryBytes) {

	public static RedisUse of(Map<String, String> info) {
		return new RedisUse(Long.parseLong(info.getOrDefault("connected_clients", "0")),
				Long.parseLong(info.getOrDefault("blocked_clients", "0")),
				Long.parseLong(info.getOrDefault("used_memory", "0")));
	}
}
