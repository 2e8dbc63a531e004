import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CapacityForecastSchema, CapacitySchema, ErrorBodySchema, SiteLossSchema, SovereignHeadroomSchema, type SovereignHeadroom } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { FORECAST_CSV_HEADER, HEADROOM_CSV_HEADER, SITE_LOSS_CSV_HEADER } from '../src/services/capacity-sovereign-service.ts';
import { realControlPlane, startBff, type Fetch, type RunningBff } from './harness.ts';

/** RFC 4180 read back (no field here holds a comma, a quote or a line break): records end in CRLF. */
const parseCsv = (text: string) =>
  text
    .split('\r\n')
    .filter((line, i, all) => i < all.length - 1 || line !== '')
    .map((line) => line.split(','));

const JSON_HEADERS = { 'X-CSRF': '1', 'Content-Type': 'application/json' };

describe('sovereign headroom, N-1 and forecast through the BFF', () => {
  let morocco: Awaited<ReturnType<typeof realControlPlane>>;
  let bff: RunningBff;
  let executive: Fetch;
  let tenantA: Fetch;
  let tenantB: Fetch;
  let personalSite: string;

  beforeAll(async () => {
    morocco = await realControlPlane(buildFleetFile());
    bff = await startBff([morocco.cp.url]);
    executive = (await bff.as('executive')).fetch;
    tenantA = (await bff.as('tenant-a')).fetch;
    tenantB = (await bff.as('tenant-b')).fetch;
    const commit = async (body: object) => {
      const res = await bff.fetch('/api/workloads', {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({ name: 'headroom test', kind: 'training', gpus: { count: 16, model: 'H100' }, ...body }),
      });
      expect(res.status).toBe(201);
      return (await res.json()) as { siteId: string };
    };
    // Moroccan personal data (Law 09-08: Morocco) for tenant A; unregulated data for tenant B.
    personalSite = (await commit({ tenant: 'tenant-a', sector: 'finance', dataClass: 'personal', dataOrigin: 'MA' })).siteId;
    await commit({ tenant: 'tenant-b', sector: 'commercial', dataClass: 'internal', dataOrigin: 'MA', gpus: { count: 48, model: 'H100' } });
  }, 120_000);
  afterAll(async () => {
    await bff?.close();
    await morocco?.cp.close();
    morocco?.cleanup();
  });

  const headroom = async (as: Fetch, query = ''): Promise<SovereignHeadroom> => {
    const res = await as(`/api/capacity/headroom${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    return SovereignHeadroomSchema.parse(await res.json());
  };

  it('gives the executive every class of the pack, each counted by the engine, and the answer to a request', async () => {
    const h = await headroom(executive, '?gpus=900&model=H100');
    expect(h.classes.length).toBeGreaterThanOrEqual(10);
    const personal = h.classes.find((c) => c.class.id === 'ma-personal-data')!;
    // Both Moroccan sites (512 H100 each) are lawful; 64 are committed, 16 of them to this class.
    expect(personal.gpus).toMatchObject({ lawful: 1024, committed: 16, free: 1024 - 64 });
    expect(personal.answer).toMatchObject({ yes: true, lawfulFree: 960, oneSite: [] });
    expect(personal.answer.at.reduce((n, s) => n + s.gpus, 0)).toBe(900);
    // French state data may not run in Morocco: nothing lawful, so no.
    expect(h.classes.find((c) => c.class.id === 'fr-secnumcloud')).toMatchObject({ gpus: { lawful: 0, free: 0 }, answer: { yes: false, lawfulFree: 0 } });
  });

  it('shows a tenant only the classes of its own workloads', async () => {
    const a = await headroom(tenantA);
    expect(a).toMatchObject({ audience: 'tenant', tenant: 'tenant-a' });
    expect(a.classes.map((c) => [c.class.id, c.gpus.committed])).toEqual([['ma-personal-data', 16]]);
    expect((await headroom(tenantB)).classes).toEqual([]);
  });

  it('answers CSV for Accept: text/csv that reads back to the same numbers', async () => {
    const json = await headroom(executive);
    const res = await executive('/api/capacity/headroom', { headers: { accept: 'text/csv' } });
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="corridor-headroom-\d{4}-\d{2}-\d{2}\.csv"/);
    const [header, ...lines] = parseCsv(await res.text());
    expect(header).toEqual([...HEADROOM_CSV_HEADER]);
    const col = (line: string[], name: (typeof HEADROOM_CSV_HEADER)[number]) => line[header!.indexOf(name)]!;
    for (const c of json.classes) {
      const all = lines.find((l) => col(l, 'class_id') === c.class.id && col(l, 'gpu_model') === 'all')!;
      expect(['lawful_gpus', 'committed_gpus', 'free_gpus', 'pipeline_gpus'].map((n) => Number(col(all, n as never)))).toEqual([c.gpus.lawful, c.gpus.committed, c.gpus.free, c.gpus.pipeline]);
      expect(Number(col(all, 'free_mw_it'))).toBe(c.mw.free);
      expect(col(all, 'can_serve')).toBe(String(c.answer.yes));
      expect(col(all, 'policy_version')).toBe(json.policyVersion);
    }
    const forecast = CapacityForecastSchema.parse(await (await executive('/api/capacity/forecast')).json());
    const [fHeader, ...fLines] = parseCsv(await (await executive('/api/capacity/forecast', { headers: { accept: 'text/csv' } })).text());
    expect(fHeader).toEqual([...FORECAST_CSV_HEADER]);
    expect(fLines).toHaveLength(forecast.classes.length * 8);
  });

  it('N-1 through the BFF: a read that says so, moves nothing, and answers CSV', async () => {
    const before = CapacitySchema.parse(await (await bff.fetch('/api/capacity')).json());
    const res = await executive('/api/capacity/site-loss', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ siteId: personalSite }) });
    expect(res.status).toBe(200);
    const loss = SiteLossSchema.parse(await res.json());
    expect(loss.dryRun).toBe(true);
    const mine = loss.workloads.find((w) => w.tenant === 'tenant-a')!;
    expect(mine).toMatchObject({ outcome: 're-placed', classIds: ['ma-personal-data'] });
    expect(mine.to!.siteId).not.toBe(personalSite);
    expect(CapacitySchema.parse(await (await bff.fetch('/api/capacity')).json())).toEqual(before);
    const csv = await executive('/api/capacity/site-loss', { method: 'POST', headers: { ...JSON_HEADERS, accept: 'text/csv' }, body: JSON.stringify({ siteId: personalSite }) });
    const [header, ...lines] = parseCsv(await csv.text());
    expect(header).toEqual([...SITE_LOSS_CSV_HEADER]);
    expect(lines.map((l) => l[header!.indexOf('outcome')]).sort()).toEqual(loss.workloads.map((w) => w.outcome).sort());
  });

  it('answers 400 naming the field for a bad question, 404 for an unknown site', async () => {
    const problem = async (res: Response) => {
      expect(res.status).toBe(400);
      return ErrorBodySchema.parse(await res.json()).error.fields?.[0]?.field;
    };
    const post = (body: string) => executive('/api/capacity/site-loss', { method: 'POST', headers: JSON_HEADERS, body });
    expect(await problem(await post(JSON.stringify({ siteId: 'Site A' })))).toBe('siteId');
    expect(await problem(await post('{"siteId": "site-\\ud800"}'))).toBe('siteId');
    expect(await problem(await post(JSON.stringify({ siteId: 'x'.repeat(10_000) })))).toBe('siteId');
    expect((await post('{"siteId": "site-a", "__proto__": {"admin": true}}')).status).toBe(400);
    expect((await post(JSON.stringify({ siteId: 'atlantis-1' }))).status).toBe(404);
    expect(await problem(await executive('/api/capacity/headroom?gpus=-1'))).toBe('gpus');
    expect(await problem(await executive('/api/capacity/headroom?model=H9000'))).toBe('model');
    expect(await problem(await executive('/api/capacity/forecast?weeks=ten'))).toBe('weeks');
  });
});
