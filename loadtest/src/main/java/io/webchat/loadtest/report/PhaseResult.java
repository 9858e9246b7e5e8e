package io.webchat.loadtest.report;

import java.util.Map;

import io.webchat.loadtest.measure.LatencySummary;

/**
 * One step of a scenario: an offered rate held for some seconds.
 *
 * @param scenario {@code steady}, {@code ramp} or {@code fanout}
 * @param sent messages the load tool fired (open loop, at the offered rate)
 * @param sendErrors sends answered other than 201, failed, or not made because too many were in flight
 * @param expectedDeliveries copies owed to recipients for the accepted sends
 * @param lost copies owed and never received (after the final drain)
 * @param duplicated copies received more than once
 * @param deliveriesPerSecond copies received per second of the step
 * @param delivery send (due time) → recipient's client, every copy
 * @param send due time → the send's 201 (for the fan-out: an upper bound of "in every inbox",
 *        since chat-service answers only after every member's inbox has the event)
 * @param floor raw Redis RPUSH → BLPOP at the same rate and N, measured in the same run
 * @param ratioToFloor {@code delivery} divided by {@code floor}
 * @param pollErrors failed polls during the step
 * @param machine the whole machine over the step: how busy the cores were beside the measured processes
 * @param costPerCopy what each copy delivered over the step and its drain cost
 */
public record PhaseResult(String scenario, String name, double offeredRate, int seconds, long sent, long sendErrors,
		Map<String, Long> errorKinds, long expectedDeliveries, long lost, long duplicated, double deliveriesPerSecond,
		LatencySummary delivery, LatencySummary send, LatencySummary floor, LatencySummary ratioToFloor,
		long pollErrors, double pacerLagMillis, Map<String, ProcessUse> processes, MachineUse machine, RedisUse redis,
		Cost costPerCopy) {
}
