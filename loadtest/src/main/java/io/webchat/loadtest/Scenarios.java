package io.webchat.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.webchat.loadtest.client.DeliveryTracker;
import io.webchat.loadtest.client.Fleet;
import io.webchat.loadtest.client.MessagePlan;
import io.webchat.loadtest.measure.JvmHeap;
import io.webchat.loadtest.measure.LatencySummary;
import io.webchat.loadtest.measure.HostProbe;
import io.webchat.loadtest.measure.MachineCpu;
import io.webchat.loadtest.measure.OpenLoop;
import io.webchat.loadtest.measure.ProcessStats;
import io.webchat.loadtest.measure.Profiler;
import io.webchat.loadtest.report.Cost;
import io.webchat.loadtest.report.IdleResult;
import io.webchat.loadtest.report.IdleWindow;
import io.webchat.loadtest.report.MachineUse;
import io.webchat.loadtest.report.PhaseResult;
import io.webchat.loadtest.report.ProcessUse;
import io.webchat.loadtest.report.RedisUse;
import io.webchat.loadtest.report.SystemResult;

import static io.webchat.loadtest.DeliveryBenchmark.log;

/**
 * The benchmark's scenarios, run the same way against any system under test: (a) idle capacity,
 * a warm-up, (c) a rate ramp until p99 passes the limit, (d) a group fan-out, (b) steady
 * one-to-one traffic — each with its latencies and what every delivered copy cost — and (e) the
 * idle window again with warm JVMs.
 */
final class Scenarios {

	/** How fast the simulated users open the page: 5,000 in 10 s. */
	private static final int POLLS_STARTED_PER_SECOND = 500;

	/** The warm-up's rate: enough to compile the hot paths, low enough not to leave a backlog. */
	private static final double WARM_UP_RATE = 100;

	private final LoadTestOptions options;

	private final Map<Double, LatencySummary> floor;

	private final LatencySummary fanoutFloor;

	private final AtomicLong messageNumbers = new AtomicLong();

	/** Timed before every step, outside its window: the machine's speed then. */
	private final HostProbe probe = new HostProbe();

	/**
	 * @param floor the raw Redis floor's latency at each one-to-one rate, measured in the same run
	 * @param fanoutFloor the floor of the fan-out to the big group
	 */
	Scenarios(LoadTestOptions options, Map<Double, LatencySummary> floor, LatencySummary fanoutFloor) {
		this.options = options;
		this.floor = floor;
		this.fanoutFloor = fanoutFloor;
	}

	Map<Double, LatencySummary> floor() {
		return this.floor;
	}

	LatencySummary fanoutFloor() {
		return this.fanoutFloor;
	}

	SystemResult run(SystemUnderTest system) throws Exception {
		LoadTestOptions o = this.options;
		Fleet fleet = system.fleet();
		log("%s: %s", system.name(), system.setup());
		IdleResult idle = idle(system);

		List<PhaseRun> runs = new ArrayList<>();
		MessagePlan oneToOne = MessagePlan.oneToOne(o.users(), o.friendsPerSide());

		// a warm-up that lets the JIT compile the hot paths, at a rate the system keeps up with
		double warmupRate = Math.min(o.steadyRate(), WARM_UP_RATE);
		drain(fleet, runPhase(system, "warm-up", "warm-up", warmupRate, o.warmupSeconds(), oneToOne, null), 20);

		// (c) the ramp, until p99 passes the limit; first, so that what it finds is not the
		// after-effect of an overload
		PhaseRun last = null;
		for (double rate : o.rampRates()) {
			Thread.sleep(2000);
			PhaseRun step = runPhase(system, "ramp", String.format(Locale.ROOT, "(c) ramp %,.0f", rate), rate,
					o.rampSeconds(), oneToOne, this.floor.get(rate));
			runs.add(step);
			drain(fleet, step, 20);
			last = step;
			long errors = step.phase().sendErrors.get() + step.pollErrors();
			if (step.phase().delivery.summary().p99() > o.rampLimitMillis() || errors > step.phase().sent.get() / 100) {
				log("p99 passed %.0f ms (or errors passed 1 %%) at %,.0f msg/s: the ramp ends", o.rampLimitMillis(), rate);
				break;
			}
		}

		// (d) group fan-out, one message per second to the big group, once the ramp has drained
		if (last != null) {
			drain(fleet, last, 30);
		}
		Thread.sleep(2000);
		PhaseRun fanout = runPhase(system, "fanout", "(d) fan-out " + o.groupSize(), 1, o.fanoutSeconds(),
				MessagePlan.group(o.groupSize()), this.fanoutFloor);
		runs.add(fanout);
		drain(fleet, fanout, 30);
		Thread.sleep(2000);

		// (b) steady one-to-one at the target rate, last: where the system cannot keep up, the
		// backlog it leaves would spoil any scenario after it
		List<String> profiled = system.processes().jvms().stream().filter((name) -> !name.equals("account-service")).toList();
		Path profiles = o.root().resolve("loadtest/target/profile");
		if (o.profile()) {
			for (String name : profiled) {
				Profiler.start(system.processes().pid(name).orElseThrow(), o.steadySeconds(),
						profiles.resolve(name + ".collapsed"));
			}
		}
		runs.add(runPhase(system, "steady", "(b) steady", o.steadyRate(), o.steadySeconds(), oneToOne,
				this.floor.get(o.steadyRate())));
		if (o.profile()) {
			writeProfiles(profiles, profiled);
		}

		// every send gets its answer (or its timeout), then every copy still owed gets a last
		// chance before it counts as lost
		long answersUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(35);
		while (fleet.sendsInFlight() > 0 && System.nanoTime() < answersUntil) {
			Thread.sleep(250);
		}
		DeliveryTracker tracker = fleet.tracker();
		long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (runs.stream().anyMatch((run) -> tracker.missing(run.phase()) > 0) && System.nanoTime() < drainUntil) {
			Thread.sleep(500);
		}
		List<PhaseResult> phases = runs.stream().map((run) -> run.result(tracker)).toList();
		Thread.sleep(2000);
		IdleWindow idleAfterTraffic = watchIdle(system);
		log("(e) idle after the traffic: %,d polls answered in %d s, %.3f ms CPU per poll cycle (server side; %s); %s",
				idleAfterTraffic.costPerPollCycle().events(), idleAfterTraffic.seconds(),
				idleAfterTraffic.costPerPollCycle().serverCpuMillis(), cpu(idleAfterTraffic.processes()),
				rest(idleAfterTraffic.machine()));

		Map<String, Object> notes = new LinkedHashMap<>();
		notes.put("echoesToSendersOwnClient", tracker.echoes());
		notes.put("unexpectedDeliveries", tracker.unexpected());
		notes.put("resyncs", fleet.resyncs());
		notes.put("pollErrorKinds", fleet.pollErrorKinds());
		notes.put("polls", fleet.polls());
		notes.put("processes", system.processes().pids().keySet());
		return new SystemResult(system.name(), system.setup(), idle, phases, idleAfterTraffic, notes);
	}

	/**
	 * Watches the polls that are waiting, with no traffic, for the idle window: what each poll
	 * answered at its timeout and made again cost. Scenario (a) once they are open, (e) after the
	 * traffic.
	 */
	private IdleWindow watchIdle(SystemUnderTest system) throws InterruptedException {
		Fleet fleet = system.fleet();
		int seconds = this.options.idleSeconds();
		HostProbe.Reading probe = this.probe.measure();
		Map<String, ProcessStats> start = system.processes().sample();
		MachineCpu machineStart = MachineCpu.sample();
		long pollsBefore = fleet.polls();
		long pollErrorsBefore = fleet.pollErrors();
		long commandsBefore = system.redisCommands();
		long wireBefore = fleet.wireBytes();
		Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
		Map<String, ProcessStats> end = system.processes().sample();
		MachineCpu machineEnd = MachineCpu.sample();
		long commands = (commandsBefore < 0) ? -1 : system.redisCommands() - commandsBefore;
		Map<String, ProcessUse> processes = ProcessUse.between(start, end);
		MachineUse machine = MachineUse.between(machineStart, machineEnd, processes, probe);
		Cost perCycle = Cost.of(fleet.polls() - pollsBefore, processes, commands, fleet.wireBytes() - wireBefore);
		return new IdleWindow(seconds, fleet.pollErrors() - pollErrorsBefore, processes, machine, perCycle);
	}

	/**
	 * Scenario (a): every user's poll waiting, no traffic. The heap is measured before the polls
	 * open and after the watched window, never inside it: a forced full collection costs CPU that
	 * the poll cycles would be charged with.
	 */
	private IdleResult idle(SystemUnderTest system) throws InterruptedException {
		LoadTestOptions o = this.options;
		Fleet fleet = system.fleet();
		Map<String, Long> heapBefore = o.measureHeap() ? system.processes().liveHeapBytes() : Map.of();
		Map<String, Map<String, long[]>> classesBefore = o.heapHistogram() ? system.processes().liveClasses() : Map.of();
		Map<String, ProcessStats> beforePolls = system.processes().sample();
		long redisMemoryBefore = (system.redis() != null) ? system.redis().infoLong("used_memory") : 0;
		fleet.startPolling(POLLS_STARTED_PER_SECOND);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (system.waitingPolls().getAsLong() < o.users() && System.nanoTime() < deadline) {
			Thread.sleep(500);
		}
		Thread.sleep(2000);
		long waitingPolls = system.waitingPolls().getAsLong();

		IdleWindow window = watchIdle(system);
		Map<String, ProcessStats> end = system.processes().sample();
		Map<String, ProcessUse> processes = window.processes();
		MachineUse machine = window.machine();
		Cost perCycle = window.costPerPollCycle();
		long pollCycles = perCycle.events();
		long pollErrors = window.pollErrors();

		Map<String, Long> heapWith = o.measureHeap() ? system.processes().liveHeapBytes() : Map.of();
		Map<String, Long> objectsPerPoll = new LinkedHashMap<>();
		if (o.heapHistogram()) {
			Map<String, Map<String, long[]>> classesWith = system.processes().liveClasses();
			writeHeapGrowth(system, classesBefore, classesWith);
			classesWith.forEach((name, with) -> {
				Map<String, long[]> before = classesBefore.getOrDefault(name, Map.of());
				if (!before.isEmpty() && !with.isEmpty()) {
					objectsPerPoll.put(name, (JvmHeap.totalBytes(with) - JvmHeap.totalBytes(before)) / pollsHeld(system, name));
				}
			});
		}
		Map<String, Long> heapPerPoll = new LinkedHashMap<>();
		heapWith.forEach((name, with) -> {
			if (heapBefore.containsKey(name)) {
				heapPerPoll.put(name, (with - heapBefore.get(name)) / pollsHeld(system, name));
			}
		});
		Map<String, Double> rssBefore = new LinkedHashMap<>();
		Map<String, Long> rssPerPoll = new LinkedHashMap<>();
		beforePolls.forEach((name, stats) -> {
			rssBefore.put(name, stats.rssMib());
			rssPerPoll.put(name, (end.get(name).rssKib() - stats.rssKib()) * 1024 / pollsHeld(system, name));
		});
		IdleResult.RedisIdle redis = null;
		if (system.redis() != null) {
			Map<String, String> info = system.redis().info();
			long memoryWith = Long.parseLong(info.get("used_memory"));
			long connected = Long.parseLong(info.get("connected_clients"));
			redis = new IdleResult.RedisIdle(Long.parseLong(info.get("blocked_clients")), connected, redisMemoryBefore,
					memoryWith, (memoryWith - redisMemoryBefore) / o.users(), memoryWith / o.users(),
					Long.parseLong(info.getOrDefault("mem_clients_normal", "0")) / Math.max(1, connected));
		}
		IdleResult idle = new IdleResult(o.users(), waitingPolls, o.idleSeconds(), pollErrors, processes, machine,
				rssBefore, perCycle, heapBefore, heapWith, heapPerPoll, objectsPerPoll, rssPerPoll, redis);
		log("(a) idle: %,d polls waiting, %,d answered in %d s, %.3f ms CPU per poll cycle (server side); per waiting poll live objects %s B, heap in use %s B; RSS %s; %s",
				waitingPolls, pollCycles, o.idleSeconds(), perCycle.serverCpuMillis(), objectsPerPoll, heapPerPoll, rss(processes),
				rest(machine));
		return idle;
	}

	/** Per JVM, the classes whose live objects grew the most with the polls waiting, per poll. */
	private void writeHeapGrowth(SystemUnderTest system, Map<String, Map<String, long[]>> before,
			Map<String, Map<String, long[]>> with) {
		Path directory = this.options.root().resolve("loadtest/target/heap");
		try {
			Files.createDirectories(directory);
			for (Map.Entry<String, Map<String, long[]>> jvm : with.entrySet()) {
				Path file = directory.resolve(system.name() + "-" + jvm.getKey() + ".txt");
				Files.writeString(file, "Live heap per waiting poll by class, " + system.name() + " " + jvm.getKey()
						+ " (GC.class_histogram with the polls waiting less before them)\n\n"
						+ JvmHeap.growthPerPoll(before.getOrDefault(jvm.getKey(), Map.of()), jvm.getValue(),
								pollsHeld(system, jvm.getKey()), 60));
				log("heap growth by class: %s", file);
			}
		}
		catch (IOException ex) {
			log("could not write the heap growth by class: %s", ex);
		}
	}

	private static int pollsHeld(SystemUnderTest system, String process) {
		return Math.max(1, system.pollsHeld().applyAsInt(process));
	}

	private PhaseRun runPhase(SystemUnderTest system, String scenario, String name, double rate, int seconds,
			MessagePlan plan, LatencySummary floor) {
		Fleet fleet = system.fleet();
		DeliveryTracker.Phase phase = new DeliveryTracker.Phase(name);
		long pollErrors = fleet.pollErrors();
		HostProbe.Reading probe = this.probe.measure();
		Map<String, ProcessStats> start = system.processes().sample();
		MachineCpu machineStart = MachineCpu.sample();
		long commandsBefore = system.redisCommands();
		long wireBefore = fleet.wireBytes();
		OpenLoop.Paced paced = fleet.send(phase, rate, Duration.ofSeconds(seconds), plan, this.messageNumbers);
		long deliveriesDuringSends = phase.deliveries.get();
		RedisUse redisUse = (system.redis() != null) ? RedisUse.of(system.redis().info()) : null;
		// the copies of this step still on their way are part of its cost: the window ends when
		// they have arrived, or 5 s after the last send
		long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (fleet.tracker().missing(phase) > 0 && System.nanoTime() < drainUntil) {
			sleep(200);
		}
		Map<String, ProcessStats> end = system.processes().sample();
		MachineCpu machineEnd = MachineCpu.sample();
		long commands = (commandsBefore < 0) ? -1 : system.redisCommands() - commandsBefore;
		Map<String, ProcessUse> processes = ProcessUse.between(start, end);
		MachineUse machine = MachineUse.between(machineStart, machineEnd, processes, probe);
		Cost perCopy = Cost.of(phase.deliveries.get(), processes, commands, fleet.wireBytes() - wireBefore);
		PhaseRun run = new PhaseRun(scenario, name, rate, seconds, phase, paced, processes, machine, redisUse,
				fleet.pollErrors() - pollErrors, deliveriesDuringSends / (double) seconds, floor, perCopy);
		LatencySummary delivery = phase.delivery.summary();
		LatencySummary send = phase.send.summary();
		log("%-18s %,6.0f msg/s: delivery p50 %s p99 %s max %s ms; send p50 %s p99 %s ms; errors %d (%s), poll errors %d; %.3f ms CPU per copy (%s%s)",
				name, rate, delivery.p50(), delivery.p99(), delivery.max(), send.p50(), send.p99(), phase.sendErrors.get(),
				phase.errorKinds, run.pollErrors(), perCopy.serverCpuMillis(), cpu(processes), rest(machine));
		return run;
	}

	private void writeProfiles(Path profiles, List<String> profiled) throws IOException, InterruptedException {
		Thread.sleep(3000);
		StringBuilder summary = new StringBuilder("Scenario (b), steady " + this.options.steadyRate()
				+ " msg/s one-to-one, N = " + this.options.users() + "\n\n");
		for (String name : profiled) {
			summary.append(Profiler.summarise(name, profiles.resolve(name + ".collapsed"))).append('\n');
		}
		Files.writeString(profiles.resolve("profile-" + String.join("-", profiled) + ".txt"), summary);
		System.out.print(summary);
	}

	/** Waits up to {@code seconds} for the copies {@code run} still owes, so one step's backlog does not spill into the next. */
	private static void drain(Fleet fleet, PhaseRun run, int seconds) {
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (fleet.tracker().missing(run.phase()) > 0 && System.nanoTime() < until) {
			sleep(250);
		}
	}

	private record PhaseRun(String scenario, String name, double rate, int seconds, DeliveryTracker.Phase phase,
			OpenLoop.Paced paced, Map<String, ProcessUse> processes, MachineUse machine, RedisUse redis, long pollErrors,
			double deliveriesPerSecond, LatencySummary floor, Cost costPerCopy) {

		PhaseResult result(DeliveryTracker tracker) {
			LatencySummary delivery = this.phase.delivery.summary();
			LatencySummary floor = (this.floor != null) ? this.floor : LatencySummary.EMPTY;
			Map<String, Long> errorKinds = new LinkedHashMap<>();
			this.phase.errorKinds.forEach((kind, count) -> errorKinds.put(kind, count.get()));
			return new PhaseResult(this.scenario, this.name, this.rate, this.seconds, this.phase.sent.get(),
					this.phase.sendErrors.get(), errorKinds, tracker.expected(this.phase), tracker.missing(this.phase),
					this.phase.duplicates.get(), Math.round(this.deliveriesPerSecond), delivery, this.phase.send.summary(),
					floor, delivery.ratioTo(floor), this.pollErrors, this.paced.worstLagMillis(), this.processes,
					this.machine, this.redis, this.costPerCopy);
		}

	}

	private static String rss(Map<String, ProcessUse> processes) {
		StringBuilder out = new StringBuilder();
		processes.forEach((name, use) -> out.append(name).append(' ').append(Math.round(use.rssMib())).append(" MiB, "));
		return out.toString();
	}

	private static String cpu(Map<String, ProcessUse> processes) {
		StringBuilder out = new StringBuilder();
		processes.forEach((name, use) -> out.append(name).append(' ').append(Math.round(use.cpuPercent())).append("%, "));
		return out.toString();
	}

	private static String rest(MachineUse machine) {
		return (machine.known() ? String.format(Locale.ROOT, "rest of the machine %.0f%%, steal %.0f%%",
				machine.otherPercent(), machine.stealPercent()) : "rest of the machine unknown")
				+ String.format(Locale.ROOT, ", host probe %.2f / %.2f ms", machine.probe().computeMillis(),
						machine.probe().memoryMillis());
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
