package io.webchat.loadtest.report;

import java.util.Map;

import io.webchat.loadtest.measure.HostProbe;
import io.webchat.loadtest.measure.MachineCpu;

/**
 * The machine over one scenario step, beside the processes measured in it.
 *
 * @param busyPercent CPU the machine's processes used, in percent of one core (200 = both cores
 *        of a 2-core machine); interrupt time is left out ({@link MachineCpu#busyMillis()})
 * @param otherPercent the part of it no measured process used (the server side and the load
 *        tool are measured): other programs. A few percent is the machine's background; tens
 *        of percent mean something else ran during the step and competed with the system for
 *        the cores and their caches
 * @param stealPercent time the hypervisor kept this machine's CPUs waiting, same unit
 * @param probe how fast the cores were just before the step ({@link HostProbe}); a report of a
 *        run made before the probe existed reads back without it
 */
public record MachineUse(double busyPercent, double otherPercent, double stealPercent, HostProbe.Reading probe) {

	/** Where {@code /proc/stat} could not be read. */
	public static final MachineUse UNKNOWN = new MachineUse(-1, -1, -1, HostProbe.Reading.NONE);

	public MachineUse {
		probe = (probe != null) ? probe : HostProbe.Reading.NONE;
	}

	public static MachineUse between(MachineCpu start, MachineCpu end, Map<String, ProcessUse> measured,
			HostProbe.Reading probe) {
		double wallMillis = (end.atNanos() - start.atNanos()) / 1e6;
		if (!start.known() || !end.known() || wallMillis <= 0) {
			return new MachineUse(-1, -1, -1, probe);
		}
		long measuredMillis = measured.values().stream().mapToLong(ProcessUse::cpuMillis).sum();
		long busy = end.busyMillis() - start.busyMillis();
		return new MachineUse(percent(busy, wallMillis), percent(Math.max(0, busy - measuredMillis), wallMillis),
				percent(end.stealMillis() - start.stealMillis(), wallMillis), probe);
	}

	public boolean known() {
		return this.busyPercent >= 0;
	}

	private static double percent(long millis, double wallMillis) {
		return Math.round(millis / wallMillis * 1000) / 10.0;
	}
}
