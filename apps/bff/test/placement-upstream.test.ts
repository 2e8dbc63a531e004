import { afterEach, describe, expect, it } from 'vitest';
import { ACTING_SIGNATURE_HEADER, ACTING_USER_HEADER, verifyActingUser } from '@corridor/http-kit';
import { ErrorBodySchema, type WorkloadRequestInput } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { fakeUpstream, realControlPlane, SERVICE_TOKEN, startBff, type RunningBff } from './harness.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const request: WorkloadRequestInput = {
  name: 'Nightly batch',
  tenant: 'bank',
  kind: 'batch',
  sector: 'finance',
  dataClass: 'internal',
  dataOrigin: 'MA',
  gpus: { count: 8 },
};

async function post(bff: RunningBff, path: string, body: unknown = request) {
  const started = performance.now();
  const res = await bff.fetch(path, { method: 'POST', headers: { 'X-CSRF': '1', 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, ms: performance.now() - started, body: ErrorBodySchema.safeParse(await res.json()) };
}

/** A BFF in front of a stand-in control plane that answers every request with `status` and `body`. */
async function answering(status: number, body: unknown) {
  const fake = await fakeUpstream((_req, res) => {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  });
  cleanups.push(fake.close);
  const bff = await startBff([fake.url]);
  cleanups.push(bff.close);
  return bff;
}

describe('placement upstream: faults, forwarding, which control plane', () => {
  it('answers 503 within 2 s when the control plane is stopped', async () => {
    const upstream = await realControlPlane(buildFleetFile());
    cleanups.push(upstream.cleanup);
    const bff = await startBff([upstream.cp.url]);
    cleanups.push(bff.close);
    expect((await post(bff, '/api/placements/plan')).status).toBe(200);

    await upstream.cp.close();
    const down = await post(bff, '/api/placements/plan');
    expect(down.status).toBe(503);
    expect(down.ms).toBeLessThan(2000);
    expect(down.body.data?.error.code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('answers 503 within 2 s when a commit gets no answer, and does not send it twice', async () => {
    let commits = 0;
    const hung = await fakeUpstream((req) => {
      if (req.method === 'POST') commits++;
    });
    cleanups.push(hung.close);
    const bff = await startBff([hung.url]);
    cleanups.push(bff.close);
    const { status, ms, body } = await post(bff, '/api/workloads');
    expect(status).toBe(503);
    expect(ms).toBeLessThan(2000);
    expect(body.data?.error.message).toMatch(/did not answer/);
    expect(commits).toBe(1);
  });

  it('never retries a write whose connection was reset, though it retries a read once', async () => {
    const seen: string[] = [];
    const reset = await fakeUpstream((req, res) => {
      seen.push(req.method!);
      res.socket?.destroy();
    });
    cleanups.push(reset.close);
    const bff = await startBff([reset.url]);
    cleanups.push(bff.close);
    expect((await post(bff, '/api/workloads')).status).toBe(503);
    expect(seen.filter((m) => m === 'POST')).toHaveLength(1);
    expect((await bff.fetch('/api/policy')).status).toBe(503);
    expect(seen.filter((m) => m === 'GET')).toHaveLength(2);
  });

  it('answers 502 when a plan breaks the contract', async () => {
    const bff = await answering(200, { policyVersion: 'v1', candidates: [{ siteId: 'x', score: 'high' }] });
    const { status, body } = await post(bff, '/api/placements/plan');
    expect(status).toBe(502);
    expect(body.data?.error).toMatchObject({ code: 'BAD_GATEWAY', message: expect.stringContaining('malformed') });
  });

  it('answers 502 when a 409 carries a plan that breaks the contract, and passes a bare conflict on', async () => {
    const broken = await answering(409, { error: { code: 'CONFLICT', message: 'no site fits' }, plan: { candidates: 'none' } });
    expect((await post(broken, '/api/workloads')).status).toBe(502);

    const bare = await answering(409, { error: { code: 'CONFLICT', message: 'Idempotency-Key reused with another request' } });
    const { status, body } = await post(bare, '/api/workloads');
    expect(status).toBe(409);
    expect(body.data?.error.message).toBe('Idempotency-Key reused with another request');
  });

  it('forwards the service credential, the signed acting user and the Idempotency-Key, and sends a bad request nowhere', async () => {
    const headers: Record<string, string | string[] | undefined>[] = [];
    const fake = await fakeUpstream((req, res) => {
      headers.push(req.headers);
      res.statusCode = 404;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no workload "wl-1"' } }));
    });
    cleanups.push(fake.close);
    const bff = await startBff([fake.url]);
    cleanups.push(bff.close);

    expect((await post(bff, '/api/workloads', { ...request, gpus: { count: -1 } })).status).toBe(400);
    expect(headers).toHaveLength(0);

    await bff.fetch('/api/workloads', { method: 'POST', headers: { 'X-CSRF': '1', 'Content-Type': 'application/json', 'Idempotency-Key': 'k-1' }, body: JSON.stringify(request) });
    const release = await bff.fetch('/api/workloads/wl-1', { method: 'DELETE', headers: { 'X-CSRF': '1' } });
    expect(release.status).toBe(404);
    expect(ErrorBodySchema.parse(await release.json()).error.message).toBe('no workload "wl-1"');
    expect(headers).toEqual([
      expect.objectContaining({ authorization: `Bearer ${SERVICE_TOKEN}`, 'idempotency-key': 'k-1', 'content-type': 'application/json' }),
      expect.objectContaining({ authorization: `Bearer ${SERVICE_TOKEN}` }),
    ]);
    for (const h of headers) {
      expect(h).not.toHaveProperty('x-corridor-actor');
      const signed = verifyActingUser(String(h[ACTING_USER_HEADER.toLowerCase()]), String(h[ACTING_SIGNATURE_HEADER.toLowerCase()]), SERVICE_TOKEN, Date.now());
      expect(signed).toEqual({ ok: true, user: { username: 'operator', role: 'operator' } });
    }
  });

  it('plans and commits on the first control plane only, when several are configured', async () => {
    const asked: string[] = [];
    const fakes = await Promise.all(
      ['first', 'second'].map((name) =>
        fakeUpstream((req, res) => {
          asked.push(`${name} ${req.method} ${req.url}`);
          res.statusCode = 503;
          res.end();
        }),
      ),
    );
    cleanups.push(...fakes.map((f) => f.close));
    const bff = await startBff(fakes.map((f) => f.url));
    cleanups.push(bff.close);
    await post(bff, '/api/placements/plan');
    await post(bff, '/api/workloads');
    await bff.fetch('/api/workloads');
    expect(asked).toEqual(['first POST /v1/placements/plan', 'first POST /v1/workloads', 'first GET /v1/workloads']);
  });
});
