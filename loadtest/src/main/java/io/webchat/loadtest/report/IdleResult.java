package io.webchat.loadtest.report;

import java.util.Map;

/**
 * Scenario (a): N clients each with a long poll waiting, no messages.
 *
 * @param waitingPolls polls parked in Redis waiting for an event (their {@code parked} keys);
 *        fewer than N would mean polls queue or fail somewhere
 * @param blockedClients Redis connections blocked in a command ({@code blocked_clients}): each
 *        chat instance's one pop of its wake list
 * @param redisBytesPerWaitingPoll growth of {@code used_memory} from "logged in and registered"
 *        to "every poll waiting", per poll
 * @param redisBytesPerUser everything in Redis (sessions, read model, clients, polls) per user
 * @param redisClientBytesPerConnection Redis's own accounting of its client connections
 *        ({@code mem_clients_normal}: buffers and client structures) per connected client
 * @param rssBeforePollsMib each process's resident memory before the polls started
 */
public record IdleResult(int users, long waitingPolls, long blockedClients, long connectedClients, long redisUsedMemoryBeforePolls,
		long redisUsedMemoryWithPolls, long redisBytesPerWaitingPoll, long redisBytesPerUser,
		long redisClientBytesPerConnection,
		Map<String, Double> rssBeforePollsMib, Map<String, ProcessUse> processes, long pollErrors, int seconds) {
}
