import { afterEach, describe, expect, it } from 'vitest';
import { ErrorBodySchema, SiteRowListSchema } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { fakeUpstream, realControlPlane, startBff, type RunningBff } from './harness.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function timed(bff: RunningBff, path: string) {
  const started = performance.now();
  const res = await bff.fetch(path);
  return { res, ms: performance.now() - started, body: ErrorBodySchema.safeParse(await res.json()) };
}

describe('BFF when its control plane misbehaves', () => {
  it('answers 503 within 2 s when the control plane is stopped, and recovers when it returns', async () => {
    const upstream = await realControlPlane(buildFleetFile());
    cleanups.push(upstream.cleanup);
    const port = Number(new URL(upstream.cp.url).port);
    const bff = await startBff([upstream.cp.url]);
    cleanups.push(bff.close);
    expect((await bff.fetch('/api/sites')).status).toBe(200);

    await upstream.cp.close();
    const down = await timed(bff, '/api/sites');
    expect(down.res.status).toBe(503);
    expect(down.ms).toBeLessThan(2000);
    expect(down.body.data?.error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', message: expect.stringContaining('unreachable') });
    expect(await (await bff.fetch('/api/status')).json()).toMatchObject({ ok: false, upstreams: [{ ok: false }] });

    const back = await upstream.restart(port);
    cleanups.push(() => back.close());
    const again = await bff.fetch('/api/sites');
    expect(again.status).toBe(200);
    expect(SiteRowListSchema.parse(await again.json()).sites).toHaveLength(2);
  });

  it('answers 503 within 2 s when the control plane accepts but never answers', async () => {
    const hung = await fakeUpstream(() => {});
    cleanups.push(hung.close);
    const bff = await startBff([hung.url]);
    cleanups.push(bff.close);
    const { res, ms, body } = await timed(bff, '/api/fleet/summary');
    expect(res.status).toBe(503);
    expect(ms).toBeLessThan(2000);
    expect(body.data?.error.message).toMatch(/did not answer/);
  });

  it('answers 502 when the control plane sends a body that breaks the contract', async () => {
    const liar = await fakeUpstream((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ sites: [{ id: 'x', lat: 'north' }] }));
    });
    cleanups.push(liar.close);
    const bff = await startBff([liar.url]);
    cleanups.push(bff.close);
    const { res, body } = await timed(bff, '/api/sites');
    expect(res.status).toBe(502);
    expect(body.data?.error).toMatchObject({ code: 'BAD_GATEWAY', message: expect.stringContaining('malformed') });
  });

  it('answers 502 when the control plane fails with a 500 or sends no JSON', async () => {
    const broken = await fakeUpstream((req, res) => {
      if (req.url === '/v1/links') {
        res.end('<html>oops</html>');
        return;
      }
      res.statusCode = 500;
      res.end('{}');
    });
    cleanups.push(broken.close);
    const bff = await startBff([broken.url]);
    cleanups.push(bff.close);
    expect((await timed(bff, '/api/sites')).res.status).toBe(502);
    expect((await timed(bff, '/api/links')).body.data?.error.message).toMatch(/not JSON/);
  });

  it('costs the control plane one request for a burst of identical reads', async () => {
    let hits = 0;
    const counting = await fakeUpstream((_req, res) => {
      hits++;
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ sites: [] }));
      }, 50);
    });
    cleanups.push(counting.close);
    const bff = await startBff([counting.url], { fleetFreshMs: 1000 });
    cleanups.push(bff.close);
    const answers = await Promise.all(Array.from({ length: 20 }, () => bff.fetch('/api/sites')));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(hits).toBe(1);
  });
});
