import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, ServiceUnavailableError, type Principal } from '@corridor/shared';
import { buildFleetFile, buildOperator, buildSite } from '@corridor/shared/testing';
import { acting } from '../src/identity/context.ts';
import { AuditService } from '../src/services/audit-service.ts';
import { FleetService } from '../src/services/fleet-service.ts';
import { SeriesService } from '../src/services/series-service.ts';
import { LiveStream } from '../src/stream/live-stream.ts';
import { ControlPlaneClient } from '../src/upstream/control-plane-client.ts';
import { ControlPlaneSet } from '../src/upstream/control-plane-set.ts';
import { fakeUpstream, realControlPlane, SERVICE_TOKEN, silent } from './harness.ts';
import { eventually } from './stream-helpers.ts';

type Upstream = Awaited<ReturnType<typeof realControlPlane>>;

const client = (name: string, url: string) => new ControlPlaneClient({ name, url, serviceToken: SERVICE_TOKEN, timeoutMs: 2000 });
const seriesQuery = { metric: 'site_pue_ratio' as const };

/** A French control plane with one site, Grenoble, and no links. */
const frenchFleet = () =>
  buildFleetFile({
    jurisdictions: [{ code: 'FR', name: 'France', blocs: ['EU', 'EEA'] }],
    operators: [buildOperator({ id: 'operator-fr', controlledBy: 'FR' })],
    sites: [buildSite({ id: 'grenoble', name: 'Grenoble', operatorId: 'operator-fr', country: 'FR', city: 'Grenoble', lat: 45.19, lon: 5.72 })],
    links: [],
  });

describe('ControlPlaneSet over two real control planes (Morocco, France) and a third that owns nothing', () => {
  let ma: Upstream;
  let fr: Upstream;
  let empty: Awaited<ReturnType<typeof fakeUpstream>>;
  /** What the empty control plane was asked, beyond its (empty) site and link lists. */
  const askedOfEmpty: string[] = [];
  let clients: { ma: ControlPlaneClient; fr: ControlPlaneClient; empty: ControlPlaneClient };
  let planes: ControlPlaneSet;

  beforeAll(async () => {
    [ma, fr] = await Promise.all([realControlPlane(buildFleetFile()), realControlPlane(frenchFleet())]);
    empty = await fakeUpstream((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/sites') return res.end(JSON.stringify({ sites: [] }));
      if (req.url === '/v1/links') return res.end(JSON.stringify({ links: [] }));
      if (req.url === '/readyz') return res.end(JSON.stringify({ ok: true, store: 'pglite' }));
      askedOfEmpty.push(`${req.method} ${req.url}`);
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'nothing here' } }));
    });
    clients = { ma: client('control plane MA', ma.cp.url), fr: client('control plane FR', fr.cp.url), empty: client('control plane 0', empty.url) };
    planes = new ControlPlaneSet([clients.ma, clients.fr, clients.empty]);
  });
  afterAll(async () => {
    await planes?.close();
    await empty?.close();
    for (const u of [ma, fr]) {
      await u?.cp.close();
      u?.cleanup();
    }
  });

  it('places on the control plane listed at the head unless another is designated, and audits there too', () => {
    expect(planes.placer()).toBe(clients.ma);
    expect(planes.auditor()).toBe(clients.ma);
    expect(planes.holderOfWorkload('wl-1')).toBe(clients.ma);
    const designated = new ControlPlaneSet([clients.ma, clients.fr], { placer: clients.fr });
    expect(designated.placer()).toBe(clients.fr);
    expect(designated.auditor()).toBe(clients.fr);
    expect(() => new ControlPlaneSet([clients.ma], { placer: clients.fr })).toThrow(/not one of the control planes/);
    expect(() => new ControlPlaneSet([])).toThrow(/at least one control plane/);
  });

  it('asks every control plane for a series while the owner is unknown, then only the owner once a fleet read has shown it', async () => {
    const series = new SeriesService(planes);
    expect(planes.ownerOf('site', 'grenoble')).toBeUndefined();
    await expect(series.series('site', 'grenoble', seriesQuery)).resolves.toMatchObject({ siteId: 'grenoble', metric: 'site_pue_ratio' });
    expect(askedOfEmpty).toEqual([expect.stringMatching(/^GET \/v1\/sites\/grenoble\/series\?/)]);

    const fleet = new FleetService(planes, 0);
    await fleet.siteRows();
    await fleet.links();
    expect(planes.ownerOf('site', 'grenoble')).toBe(clients.fr);
    expect(planes.ownerOf('site', 'site-a')).toBe(clients.ma);
    expect(planes.ownerOf('link', 'link-a-b')).toBe(clients.ma);
    expect(planes.ownerOf('site', 'atlantis')).toBeUndefined();
    expect(planes.health().map((h) => [h.name, h.siteCount, h.linkCount])).toEqual([
      ['control plane MA', 2, 1],
      ['control plane FR', 1, 0],
      ['control plane 0', 0, 0],
    ]);

    askedOfEmpty.length = 0;
    await expect(series.series('site', 'grenoble', seriesQuery)).resolves.toMatchObject({ siteId: 'grenoble' });
    await expect(fleet.site('site-a')).resolves.toMatchObject({ site: { id: 'site-a' } });
    expect(askedOfEmpty).toEqual([]);
  });

  it('answers 404 only when every control plane says so', async () => {
    await expect(new SeriesService(planes).series('site', 'atlantis', seriesQuery)).rejects.toThrow(new NotFoundError('no site "atlantis"'));
  });

  it('asks the others when the owner it knew no longer has the site, and learns the new owner', async () => {
    const moved = new ControlPlaneSet([clients.ma, clients.fr]);
    moved.learnOwnership(clients.ma, 'site', ['site-a', 'site-b', 'grenoble']);
    await expect(new SeriesService(moved).series('site', 'grenoble', seriesQuery)).resolves.toMatchObject({ siteId: 'grenoble' });
    expect(moved.ownerOf('site', 'grenoble')).toBe(clients.fr);
    expect(moved.ownerOf('site', 'site-a')).toBe(clients.ma);
  });

  it('passes on a failure other than 404 when no control plane has the answer', async () => {
    const down = client('control plane down', 'http://127.0.0.1:9');
    const withDown = new ControlPlaneSet([clients.fr, down]);
    try {
      await expect(new SeriesService(withDown).series('site', 'site-a', seriesQuery)).rejects.toBeInstanceOf(ServiceUnavailableError);
    } finally {
      await down.close();
    }
  });

  it('keeps each control plane’s health: the probes, and the live stream’s subscription to it', async () => {
    const down = client('control plane down', 'http://127.0.0.1:9');
    const watched = new ControlPlaneSet([clients.ma, down]);
    const probes = await watched.probeEach();
    expect(probes).toEqual([
      { name: 'control plane MA', url: ma.cp.url, ok: true, latencyMs: expect.any(Number) },
      { name: 'control plane down', url: 'http://127.0.0.1:9', ok: false, latencyMs: null, error: expect.stringMatching(/unreachable/) },
    ]);
    expect(watched.health().map((h) => h.probe?.ok)).toEqual([true, false]);

    const live = new LiveStream(watched, silent, { backoffInitialMs: 20, backoffMaxMs: 50, connectTimeoutMs: 200 });
    try {
      expect(watched.health().map((h) => h.streamConnected)).toEqual([undefined, undefined]);
      live.start();
      await eventually(() => expect(watched.health()[0]!.streamConnected).toBe(true));
      expect(watched.health()[1]!.streamConnected).not.toBe(true);
    } finally {
      await live.close();
      await down.close();
    }
  });

  it('reads the audit log from the auditor', async () => {
    const audit = new AuditService(new ControlPlaneSet([clients.fr, clients.ma], { placer: clients.ma }));
    const operator: Principal = { username: 'operator', name: 'Operator', role: 'operator', method: 'password' };
    await expect(acting.run(operator, () => audit.verify())).resolves.toMatchObject({ ok: true });
    const { records } = await acting.run(operator, () => audit.list({ limit: 5 }));
    // The Moroccan control plane's chain begins with its audit key, then its policy load, like every control plane's.
    expect(records.slice(-2).map((r) => r.action)).toEqual(['policy-load', 'audit-key']);
  });
});
