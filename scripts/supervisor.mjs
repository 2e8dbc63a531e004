// Keeps a started stack (scripts/stack.mjs) running: a control plane or BFF that exits is restarted with
// backoff while the other keeps serving, so the console shows its "control plane unavailable" banner and
// recovers by itself instead of the whole of Corridor stopping with one part.
import { freePort, startStack } from './stack.mjs';

export { freePort };

export const SUPERVISOR_DEFAULTS = {
  /** First restart delay; doubles on each exit up to `backoffMaxMs`. */
  backoffInitialMs: 500,
  backoffMaxMs: 30_000,
  /** A child that stayed up this long was healthy: its next exit starts the backoff over. */
  healthyAfterMs: 60_000,
};

const describeExit = (code, signal) => (signal ? `signal ${signal}` : `exit code ${code}`);
const hasExited = (child) => !child || child.exitCode !== null || child.signalCode !== null;

/**
 * Watches `stack.controlPlane` and `stack.bff`; restarts whichever exits (through `stack.startControlPlane()` /
 * `stack.startBff()`), logging what exited, how, and when it comes back. `stop()` ends the supervision and the stack.
 * Options: backoffInitialMs, backoffMaxMs, healthyAfterMs, log (a line → void; default stderr).
 */
export function supervise(stack, options = {}) {
  const { backoffInitialMs, backoffMaxMs, healthyAfterMs } = { ...SUPERVISOR_DEFAULTS, ...options };
  const log = options.log ?? ((line) => console.error(line));
  const stamp = () => new Date().toISOString();
  let stopping = false;
  const services = [
    { name: 'control plane', key: 'controlPlane', start: () => stack.startControlPlane() },
    { name: 'BFF', key: 'bff', start: () => stack.startBff() },
  ].map((s) => ({ ...s, delayMs: backoffInitialMs, upSince: Date.now(), restarts: 0, timer: undefined }));

  function exited(service, code, signal) {
    if (stopping) return;
    if (Date.now() - service.upSince >= healthyAfterMs) service.delayMs = backoffInitialMs;
    const delayMs = service.delayMs;
    service.delayMs = Math.min(delayMs * 2, backoffMaxMs);
    log(`${stamp()} ✖ the ${service.name} exited (${describeExit(code, signal)}); restarting it in ${delayMs} ms`);
    service.timer = setTimeout(() => void restart(service), delayMs);
  }

  function watch(service) {
    const child = stack[service.key];
    if (hasExited(child)) return exited(service, child?.exitCode ?? null, child?.signalCode ?? null);
    child.once('exit', (code, signal) => {
      // Ctrl-C reaches the children too: let the supervisor's own SIGINT handler mark the stop first.
      setImmediate(() => exited(service, code, signal));
    });
  }

  async function restart(service) {
    service.timer = undefined;
    if (stopping) return;
    service.restarts++;
    try {
      await service.start();
      if (stopping) return;
      service.upSince = Date.now();
      log(`${stamp()} ✔ the ${service.name} is back (pid ${stack[service.key].pid}, restart ${service.restarts})`);
    } catch (error) {
      if (stopping) return;
      log(`${stamp()} ✖ the ${service.name} did not come back: ${error.message}`);
      // Alive but never ready: stop it so the next attempt gets the port.
      if (!hasExited(stack[service.key])) stack[service.key].kill('SIGKILL');
      await new Promise((resolve) => (hasExited(stack[service.key]) ? resolve() : stack[service.key].once('exit', resolve)));
    }
    watch(service);
  }

  for (const service of services) watch(service);

  return {
    stack,
    /** How many times each part was restarted, by name. */
    restarts: () => Object.fromEntries(services.map((s) => [s.name, s.restarts])),
    async stop() {
      stopping = true;
      for (const service of services) clearTimeout(service.timer);
      await stack.stop();
    },
  };
}

/** startStack() then supervise() it: what `npm start` runs, and what the supervisor test starts on temp dirs and free ports. */
export async function startSupervisedStack(options = {}) {
  const stack = await startStack(options);
  return supervise(stack, options);
}
