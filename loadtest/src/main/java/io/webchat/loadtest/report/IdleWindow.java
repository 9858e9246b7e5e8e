package io.webchat.loadtest.report;

import java.util.Map;

/**
 * Scenario (e): the idle window again, after all the traffic, every poll still waiting. The
 * first idle window (a) comes a minute after the JVMs started, while they still compile their
 * hot paths; this one shows what a poll cycle costs a server that has been running for a while.
 *
 * @param costPerPollCycle what each poll answered in the window cost, as in {@link IdleResult}
 */
public record IdleWindow(int seconds, long pollErrors, Map<String, ProcessUse> processes, MachineUse machine,
		Cost costPerPollCycle) {
}
