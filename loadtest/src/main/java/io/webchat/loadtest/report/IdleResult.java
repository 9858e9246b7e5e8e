package io.webchat.loadtest.report;

import java.util.Map;

/**
 * Scenario (a): N clients each with a long poll waiting, no messages.
 *
 * @param waitingPolls polls the system had waiting when the window began (webchat: the polls
 *        parked in Redis, their {@code parked} keys; CometD: clients connected and subscribed);
 *        fewer than N would mean polls queue or fail somewhere
 * @param machine the whole machine over the window: how busy the cores were beside the measured processes
 * @param costPerPollCycle what each poll answered in the window cost (answered at its timeout
 *        and made again: the price of keeping a client connected)
 * @param liveHeapBytesPerWaitingPoll per server JVM: live heap (after a full collection) with the
 *        N polls waiting, less the same before any poll was opened, divided by the polls that JVM
 *        holds (N for webchat's gateway and for CometD, N ÷ 2 for each of two chat instances,
 *        N for a process that holds none, such as account-service); a JVM whose
 *        heap could not be read is missing, and one that holds nothing per poll may come out
 *        slightly negative. This is the heap G1 has in use ({@code GC.heap_info}): it counts
 *        regions, not objects, and can exceed the live objects by several KB per poll in one run
 *        and not in the next (docs/performance.md)
 * @param liveObjectBytesPerWaitingPoll per server JVM: the bytes of every live object (the sum
 *        of {@code GC.class_histogram}) with the polls waiting less before them, divided in the
 *        same way; what the polls hold and nothing else. Empty where no histogram was taken
 * @param rssBytesPerWaitingPoll per server process: resident memory with the polls waiting less
 *        before them, divided as the live heap is
 * @param redis what Redis holds for the waiting polls; {@code null} for a system without Redis
 */
public record IdleResult(int users, long waitingPolls, int seconds, long pollErrors, Map<String, ProcessUse> processes,
		MachineUse machine, Map<String, Double> rssBeforePollsMib, Cost costPerPollCycle, Map<String, Long> liveHeapBytesBeforePolls,
		Map<String, Long> liveHeapBytesWithPolls, Map<String, Long> liveHeapBytesPerWaitingPoll,
		Map<String, Long> liveObjectBytesPerWaitingPoll, Map<String, Long> rssBytesPerWaitingPoll, RedisIdle redis) {

	public IdleResult {
		// a report of a run made before the histograms were taken reads back without them
		liveObjectBytesPerWaitingPoll = (liveObjectBytesPerWaitingPoll != null) ? liveObjectBytesPerWaitingPoll : Map.of();
	}

	/**
	 * The heap per waiting poll that the summary and the target judge: the live objects where
	 * they were counted, the heap in use otherwise.
	 */
	public Map<String, Long> heapPerWaitingPoll() {
		return this.liveObjectBytesPerWaitingPoll.isEmpty() ? this.liveHeapBytesPerWaitingPoll
				: this.liveObjectBytesPerWaitingPoll;
	}

	/**
	 * @param blockedClients Redis connections blocked in a command ({@code blocked_clients}): each
	 *        chat instance's one pop of its wake list
	 * @param bytesPerWaitingPoll growth of {@code used_memory} from "logged in and registered" to
	 *        "every poll waiting", per poll
	 * @param bytesPerUser everything in Redis (sessions, read model, clients, polls) per user
	 * @param clientBytesPerConnection Redis's own accounting of its client connections
	 *        ({@code mem_clients_normal}: buffers and client structures) per connected client
	 */
	public record RedisIdle(long blockedClients, long connectedClients, long usedMemoryBeforePolls,
			long usedMemoryWithPolls, long bytesPerWaitingPoll, long bytesPerUser, long clientBytesPerConnection) {
	}
}
