// CPU time of a process, from /proc (Linux): what a benchmark's servers spent, to say what a request
// costs them and so what rate two cores could serve at most, whatever the scheduler did with the rest.
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ: 100 on every Linux the benches run on). */
const TICKS_PER_S = 100;
const CORES = 2;

/** User + system CPU of `pid` so far, in ms; NaN when /proc cannot tell (not Linux, process gone). */
export function cpuMs(pid) {
  try {
    // Fields after the command name (which may hold spaces, hence the last ')'): utime is 14th, stime 15th of the line.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
  } catch {
    return NaN;
  }
}

/** Starts counting the CPU of the named processes; `stop(n)` answers each one's ms per unit of work. */
export function cpuMeter(pids) {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
  return {
    stop(units) {
      return Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, (cpuMs(pid) - before[name]) / units]));
    },
  };
}

/**
 * The most requests/s the BFF and the control plane could serve at these costs (ms of CPU each per
 * request) on this machine's two cores if nothing else ran: each is one event loop (≤ one core), and
 * together they have two. Load generator, database server and other users come on top.
 */
export function ceilingPerS({ bff, controlPlane }) {
  return Math.min(1000 / bff, 1000 / controlPlane, (CORES * 1000) / (bff + controlPlane));
}
