package io.webchat.loadtest.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.webchat.loadtest.measure.HostProbe;
import io.webchat.loadtest.measure.LatencySummary;

/** Made-up results with the figures a test cares about, and plausible ones for the rest. */
public final class RunResults {

	/** The host probe's reading before every step of a made-up system. */
	static final HostProbe.Reading PROBE = new HostProbe.Reading(2.5, 40);

	/** What G1's heap in use holds per waiting poll beyond the live objects, in a made-up system. */
	public static final long HEAP_IN_USE_BEYOND_OBJECTS = 8 * 1024;

	private RunResults() {
	}

	public static RunResult of(SystemResult... systems) {
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("cpus", 2);
		machine.put("processor", "AMD EPYC, 2096 MHz");
		machine.put("loadAverageBefore", "0.10");
		machine.put("commit", "abc1234");
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("users", 5000);
		settings.put("groupSize", 1000);
		return new RunResult("2026-12-05T08:00:00Z", "./loadtest.sh", machine, settings,
				List.of(new RunResult.FloorStep(1000, latency(0.2, 2)), new RunResult.FloorStep(3000, latency(0.3, 4))),
				latency(20, 50), List.of(systems), List.of());
	}

	/**
	 * @param rampRates the ramp's steps, each with p99 {@code rampP99} until the last, which passes 100 ms
	 */
	public static SystemResult system(String name, double steadyP99, double cpuMillisPerCopy,
			double cpuMillisPerPollCycle, long heapBytesPerWaitingPoll, double rampP99, double... rampRates) {
		Map<String, ProcessUse> processes = Map.of(name, new ProcessUse(1000, 10, 300, 50));
		Cost perCopy = new Cost(30_000, Map.of(name, cpuMillisPerCopy), cpuMillisPerCopy, -1, 700);
		PhaseResult steady = phase("steady", "(b) steady", 1000, steadyP99, perCopy, processes);
		List<PhaseResult> phases = new java.util.ArrayList<>();
		for (int i = 0; i < rampRates.length; i++) {
			double p99 = (i == rampRates.length - 1) ? 150 : rampP99;
			phases.add(phase("ramp", "(c) ramp " + rampRates[i], rampRates[i], p99, perCopy, processes));
		}
		phases.add(phase("fanout", "(d) fan-out 1000", 1, 150, perCopy, processes));
		phases.add(steady);
		IdleResult idle = new IdleResult(5000, 5000, 60, 0, processes, new MachineUse(120, 4, 0, PROBE), Map.of(name, 200.0),
				new Cost(12_000, Map.of(name, cpuMillisPerPollCycle), cpuMillisPerPollCycle, -1, 400), Map.of(name, 1L),
				Map.of(name, 2L), Map.of(name, heapBytesPerWaitingPoll + HEAP_IN_USE_BEYOND_OBJECTS),
				Map.of(name, heapBytesPerWaitingPoll), Map.of(name, 20_000L), null);
		IdleWindow warm = new IdleWindow(60, 0, processes, new MachineUse(100, 3, 0, PROBE),
				new Cost(12_000, Map.of(name, cpuMillisPerPollCycle / 2), cpuMillisPerPollCycle / 2, -1, 400));
		return new SystemResult(name, "made up", idle, phases, warm, Map.of());
	}

	/** The same system with other work beside it taking {@code otherPercent} of a core during its steady step. */
	public static SystemResult disturbedInSteadyStep(SystemResult system, double otherPercent) {
		List<PhaseResult> phases = system.phases().stream().map((p) -> !p.scenario().equals("steady") ? p
				: new PhaseResult(p.scenario(), p.name(), p.offeredRate(), p.seconds(), p.sent(), p.sendErrors(),
						p.errorKinds(), p.expectedDeliveries(), p.lost(), p.duplicated(), p.deliveriesPerSecond(),
						p.delivery(), p.send(), p.floor(), p.ratioToFloor(), p.pollErrors(), p.pacerLagMillis(),
						p.processes(), new MachineUse(200, otherPercent, 0, p.machine().probe()), p.redis(), p.costPerCopy()))
			.toList();
		return new SystemResult(system.name(), system.setup(), system.idle(), phases, system.idleAfterTraffic(),
				system.notes());
	}

	/** The same system measured on a host whose cores took {@code factor} times as long for the probe. */
	public static SystemResult onSlowerCores(SystemResult system, double factor) {
		java.util.function.UnaryOperator<MachineUse> slower = (machine) -> new MachineUse(machine.busyPercent(),
				machine.otherPercent(), machine.stealPercent(), new HostProbe.Reading(
						machine.probe().computeMillis() * factor, machine.probe().memoryMillis()));
		IdleResult i = system.idle();
		IdleResult idle = new IdleResult(i.users(), i.waitingPolls(), i.seconds(), i.pollErrors(), i.processes(),
				slower.apply(i.machine()), i.rssBeforePollsMib(), i.costPerPollCycle(), i.liveHeapBytesBeforePolls(),
				i.liveHeapBytesWithPolls(), i.liveHeapBytesPerWaitingPoll(), i.liveObjectBytesPerWaitingPoll(),
				i.rssBytesPerWaitingPoll(), i.redis());
		List<PhaseResult> phases = system.phases().stream().map((p) -> new PhaseResult(p.scenario(), p.name(),
				p.offeredRate(), p.seconds(), p.sent(), p.sendErrors(), p.errorKinds(), p.expectedDeliveries(), p.lost(),
				p.duplicated(), p.deliveriesPerSecond(), p.delivery(), p.send(), p.floor(), p.ratioToFloor(), p.pollErrors(),
				p.pacerLagMillis(), p.processes(), slower.apply(p.machine()), p.redis(), p.costPerCopy()))
			.toList();
		IdleWindow w = system.idleAfterTraffic();
		IdleWindow warm = new IdleWindow(w.seconds(), w.pollErrors(), w.processes(), slower.apply(w.machine()),
				w.costPerPollCycle());
		return new SystemResult(system.name(), system.setup(), idle, phases, warm, system.notes());
	}

	/** The same system measured without class histograms: only G1's heap in use. */
	public static SystemResult withoutHistograms(SystemResult system) {
		IdleResult i = system.idle();
		IdleResult idle = new IdleResult(i.users(), i.waitingPolls(), i.seconds(), i.pollErrors(), i.processes(),
				i.machine(), i.rssBeforePollsMib(), i.costPerPollCycle(), i.liveHeapBytesBeforePolls(),
				i.liveHeapBytesWithPolls(), i.liveHeapBytesPerWaitingPoll(), null, i.rssBytesPerWaitingPoll(), i.redis());
		return new SystemResult(system.name(), system.setup(), idle, system.phases(), system.idleAfterTraffic(),
				system.notes());
	}

	private static PhaseResult phase(String scenario, String name, double rate, double p99, Cost cost,
			Map<String, ProcessUse> processes) {
		LatencySummary delivery = latency(p99 / 10, p99);
		return new PhaseResult(scenario, name, rate, 10, 10_000, 0, Map.of(), 10_000, 0, 0, rate, delivery,
				latency(1, 5), latency(0.2, 2), delivery.ratioTo(latency(0.2, 2)), 0, 0.1, processes, new MachineUse(150, 5, 0, PROBE), null,
				cost);
	}

	private static LatencySummary latency(double p50, double p99) {
		return new LatencySummary(10_000, p50, p50 * 2, p99, p99 * 1.5, p99 * 2);
	}
}
