import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, NoSiteFitsSchema } from '@corridor/shared';
import { fakeUpstream, startBff, type RunningBff } from './harness.ts';

const request = { name: 'Nightly batch', tenant: 'bank', kind: 'batch', sector: 'finance', dataClass: 'internal', dataOrigin: 'MA', gpus: { count: 8 } };

// The console's "Place here": the commit names the site chosen, and the BFF passes the choice on untouched.
describe('a commit on a chosen site, through the BFF', () => {
  const bodies: unknown[] = [];
  let bff: RunningBff;
  let closeFake: () => Promise<unknown>;
  beforeAll(async () => {
    const fake = await fakeUpstream((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        bodies.push(JSON.parse(text));
        res.statusCode = 409;
        res.setHeader('content-type', 'application/json');
        const plan = { policyVersion: 'p', fleetVersion: 'f', at: '2026-03-01T10:00:00.000Z', matchedRules: [], notes: [], candidates: [], rejected: [] };
        res.end(JSON.stringify({ error: { code: 'CONFLICT', message: 'site "site-b" cannot take this workload now: Needs 8 H100, 2 free. See the plan.' }, plan }));
      });
    });
    closeFake = fake.close;
    bff = await startBff([fake.url]);
  });
  afterAll(async () => {
    await bff?.close();
    await closeFake?.();
  });

  const post = (body: unknown) => bff.fetch('/api/workloads', { method: 'POST', headers: { 'X-CSRF': '1', 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  it('forwards siteId to the control plane and answers its 409 with the reasons', async () => {
    const res = await post({ ...request, siteId: 'site-b' });
    expect(res.status).toBe(409);
    expect(NoSiteFitsSchema.parse(await res.json()).error.message).toContain('site "site-b" cannot take this workload now');
    expect(bodies.at(-1)).toMatchObject({ siteId: 'site-b', gpus: { count: 8 } });
  });

  it('refuses a malformed siteId with 400 naming it, sending nothing', async () => {
    const sent = bodies.length;
    const res = await post({ ...request, siteId: 'Not a site!' });
    expect(res.status).toBe(400);
    expect(ErrorBodySchema.parse(await res.json()).error.fields?.map((f) => f.field)).toEqual(['siteId']);
    expect(bodies.length).toBe(sent);
  });
});
