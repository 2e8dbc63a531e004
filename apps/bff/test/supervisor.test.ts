// `npm start`'s supervision, for real: both services as child processes on temp dirs and free ports,
// one of them killed with SIGKILL, the other still answering, the killed one back by itself.
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startSupervisedStack, type Supervisor } from '../../../scripts/supervisor.mjs';
import { seedPglite } from '../../control-plane/test/pglite-template.ts';

const PASSWORD = 'corridor-supervisor-test-password';
const lines: string[] = [];
let supervisor: Supervisor;
let dataDir: string;
let logFd: number;
let cookie = '';

async function signIn(): Promise<void> {
  const res = await fetch(`${supervisor.stack.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf': '1' },
    body: JSON.stringify({ username: 'operator', password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** GET as the signed-in operator: the status code (0 when the BFF does not answer at all) and the JSON body. */
async function get(path: string): Promise<{ status: number; body: unknown }> {
  try {
    const res = await fetch(`${supervisor.stack.url}${path}`, { headers: { cookie }, signal: AbortSignal.timeout(5000) });
    return { status: res.status, body: await res.json().catch(() => undefined) };
  } catch {
    return { status: 0, body: undefined };
  }
}

/** Polls `check` until it holds; fails with the last value seen once `withinMs` has passed. */
async function eventually<T>(what: string, withinMs: number, probe: () => Promise<T>, check: (value: T) => boolean): Promise<number> {
  const started = Date.now();
  let last: T | undefined;
  while (Date.now() - started < withinMs) {
    last = await probe();
    if (check(last)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: not within ${withinMs} ms (last: ${JSON.stringify(last)})`);
}

const upstreamsOk = (body: unknown) => ((body as { upstreams?: { ok: boolean }[] })?.upstreams ?? []).map((u) => u.ok);

describe('npm start supervision', () => {
  beforeAll(async () => {
    dataDir = seedPglite(seedPglite(mkdtempSync(join(tmpdir(), 'corridor-supervisor-')), 'control-plane', { migrated: true }), 'bff');
    logFd = openSync(join(dataDir, 'stack.log'), 'a');
    supervisor = await startSupervisedStack({
      port: await freePort(),
      controlPlanePort: await freePort(),
      dataDir,
      env: { LOG_LEVEL: 'warn', CORRIDOR_DEMO_PASSWORD: PASSWORD },
      stdio: ['ignore', logFd, logFd],
      backoffInitialMs: 200,
      log: (line) => lines.push(line),
    });
    await signIn();
  }, 120_000);

  afterAll(async () => {
    await supervisor?.stop();
    closeSync(logFd);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts a killed control plane while the BFF keeps answering: 503 within 2 s, then 200 again', async () => {
    expect((await get('/api/capacity')).status).toBe(200);
    const bffPid = supervisor.stack.bff.pid;
    const killedPid = supervisor.stack.controlPlane.pid;
    supervisor.stack.controlPlane.kill('SIGKILL');

    await eventually(
      'a placement read answers 503',
      2000,
      () => get('/api/capacity'),
      (r) => r.status === 503,
    );
    await eventually(
      '/api/status shows the control plane down',
      2000,
      () => get('/api/status'),
      (r) => r.status === 200 && upstreamsOk(r.body).includes(false),
    );

    await eventually(
      'the control plane is back and the BFF answers 200',
      60_000,
      () => get('/api/capacity'),
      (r) => r.status === 200,
    );
    await eventually(
      '/api/status shows it up',
      10_000,
      () => get('/api/status'),
      (r) => r.status === 200 && upstreamsOk(r.body).every(Boolean),
    );
    expect(supervisor.stack.controlPlane.pid).not.toBe(killedPid);
    expect(supervisor.stack.bff.pid).toBe(bffPid);
    expect(lines.some((l) => l.includes('the control plane exited (signal SIGKILL); restarting it in 200 ms'))).toBe(true);
    // The supervisor says "back" once its own readiness probe answers, which may come just after the BFF's first 200.
    await eventually(
      'the supervisor logs that the control plane is back',
      10_000,
      async () => lines.some((l) => l.includes('the control plane is back')),
      (back) => back,
    );
  }, 90_000);

  it('restarts a killed BFF and leaves the control plane untouched', async () => {
    const controlPlanePid = supervisor.stack.controlPlane.pid;
    const killedPid = supervisor.stack.bff.pid;
    supervisor.stack.bff.kill('SIGKILL');

    await eventually(
      'the BFF is back',
      60_000,
      () => get('/healthz'),
      (r) => r.status === 200,
    );
    // Sessions live in the BFF's store on disk: the same cookie still signs the operator in.
    await eventually(
      'a placement read answers 200',
      10_000,
      () => get('/api/capacity'),
      (r) => r.status === 200,
    );
    expect(supervisor.stack.bff.pid).not.toBe(killedPid);
    expect(supervisor.stack.controlPlane.pid).toBe(controlPlanePid);
    expect(supervisor.restarts()).toEqual({ 'control plane': 1, BFF: 1 });
    expect(lines.some((l) => l.includes('the BFF exited (signal SIGKILL)'))).toBe(true);
  }, 90_000);
});
