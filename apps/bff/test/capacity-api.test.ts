import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CapacityLedgerSchema, EnergyReportSchema, ErrorBodySchema, type CapacityLedger, type Sample } from '@corridor/shared';
import { buildCluster, buildFleetFile, buildJurisdiction, buildOperator, buildSite } from '@corridor/shared/testing';
import { createTelemetryStore } from '../../control-plane/src/telemetry/telemetry-store-sql.ts';
import { ENERGY_CSV_HEADER, LEDGER_CSV_HEADER } from '../src/services/capacity-service.ts';
import { realControlPlane, startBff, type Fetch, type RunningBff } from './harness.ts';

const H = 3_600_000;

/** RFC 4180 read back: quoted fields, doubled quotes, CRLF records (the last one ended too). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted) {
      if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      records.push(record);
      record = [];
      i++;
    } else {
      field += c;
    }
  }
  expect(field, 'the last record ends in CRLF').toBe('');
  return records;
}

/** Two control planes, as one per jurisdiction would be: Morocco's (the placer) and France's. */
function frenchFleet() {
  const operator = buildOperator({ id: 'operator-fr', controlledBy: 'FR' });
  return buildFleetFile({
    jurisdictions: [buildJurisdiction({ code: 'FR', name: 'France', blocs: ['EU', 'EEA'] })],
    operators: [operator],
    sites: [
      // A hostile name: a spreadsheet must show it as text, not run it.
      buildSite({
        id: 'fr-1',
        name: '=HYPERLINK("http://evil.example","x")',
        country: 'FR',
        operatorId: operator.id,
        gridCarbonGPerKwh: 21,
        clusters: [buildCluster({ gpuModel: 'H200', gpuCount: 1000, kwPerGpu: 1.25 })],
      }),
    ],
    links: [],
  });
}

describe('GET /api/capacity/ledger and /energy, federated over two control planes', () => {
  let morocco: Awaited<ReturnType<typeof realControlPlane>>;
  let france: Awaited<ReturnType<typeof realControlPlane>>;
  let bff: RunningBff;
  let tenantA: Fetch;
  const t0 = Math.floor(Date.now() / H) * H - 2 * H;

  beforeAll(async () => {
    [morocco, france] = await Promise.all([realControlPlane(buildFleetFile()), realControlPlane(frenchFleet())]);
    bff = await startBff([morocco.cp.url, france.cp.url]);
    tenantA = (await bff.as('tenant-a')).fetch;
    const commit = async (tenant: string, count: number) =>
      expect(
        (
          await bff.fetch('/api/workloads', {
            method: 'POST',
            headers: { 'X-CSRF': '1', 'Content-Type': 'application/json' },
            body: JSON.stringify({ name: 'ledger test', tenant, kind: 'training', sector: 'commercial', dataClass: 'internal', dataOrigin: 'MA', gpus: { count, model: 'H100' } }),
          })
        ).status,
      ).toBe(201);
    await commit('tenant-a', 16);
    await commit('tenant-b', 48);
    const samples: Sample[] = [
      { siteId: 'fr-1', metric: 'site_facility_energy_joules_total', at: t0 + 60_000, value: 7.2e9 },
      { siteId: 'fr-1', metric: 'site_it_energy_joules_total', at: t0 + 60_000, value: 6e9 },
    ];
    await createTelemetryStore(france.cp.db).insert(samples);
  }, 120_000); // two control planes and a BFF on shared cores
  afterAll(async () => {
    await bff?.close();
    for (const up of [morocco, france]) {
      await up?.cp.close();
      up?.cleanup();
    }
  });

  const ledger = async (query: string, as: Fetch = bff.fetch): Promise<CapacityLedger> => {
    const res = await as(`/api/capacity/ledger?${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    return CapacityLedgerSchema.parse(await res.json());
  };

  it('merges the site rows of every control plane and rolls them up itself', async () => {
    const [sites, countries, network] = [await ledger('groupBy=site'), await ledger('groupBy=country'), await ledger('groupBy=network')];
    expect(sites.rows.map((r) => r.key).sort()).toEqual(['fr-1', 'site-a', 'site-b']);
    expect(countries.rows.map((r) => [r.key, r.gpus.installed, r.gpus.committed])).toEqual([
      ['FR', 1000, 0],
      ['MA', 1024, 64],
    ]);
    expect(network.rows[0]!.gpus).toMatchObject({ installed: 2024, committed: 64, free: 2024 - 64 });
    expect(network.rows[0]!.mw.installed).toBeCloseTo(7.5 * 3, 3);
    expect(network.fleetVersion).toContain(' + '); // two fleets, two versions
  });

  it('gives a tenant its own committed workloads only', async () => {
    const own = await ledger('groupBy=network', tenantA);
    expect(own).toMatchObject({ audience: 'tenant', tenant: 'tenant-a' });
    expect(own.rows[0]!.gpus).toMatchObject({ installed: 2024, committed: 16, free: 2024 - 64 });
  });

  it('answers CSV for Accept: text/csv, which parses back to the same numbers, formulas disarmed', async () => {
    const json = await ledger('groupBy=site');
    const res = await bff.fetch('/api/capacity/ledger?groupBy=site', { headers: { accept: 'text/csv' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="corridor-capacity-site-\d{4}-\d{2}-\d{2}\.csv"/);
    const [header, ...lines] = parseCsv(await res.text());
    expect(header).toEqual([...LEDGER_CSV_HEADER]);
    const col = (line: string[], name: (typeof LEDGER_CSV_HEADER)[number]) => line[header!.indexOf(name)]!;
    for (const row of json.rows) {
      const all = lines.find((l) => col(l, 'key') === row.key && col(l, 'gpu_model') === 'all')!;
      expect(Number(col(all, 'installed_gpus'))).toBe(row.gpus.installed);
      expect(Number(col(all, 'committed_gpus'))).toBe(row.gpus.committed);
      expect(Number(col(all, 'free_gpus'))).toBe(row.gpus.free);
      expect(Number(col(all, 'out_of_service_gpus'))).toBe(row.gpus.outOfService);
      expect(Number(col(all, 'installed_mw_it'))).toBe(row.mw.installed);
      expect(Number(col(all, 'free_mw_it'))).toBe(row.mw.free);
      expect(col(all, 'policy_version')).toBe(json.policyVersion);
      for (const m of row.gpusByModel) {
        const line = lines.find((l) => col(l, 'key') === row.key && col(l, 'gpu_model') === m.model)!;
        expect([col(line, 'installed_gpus'), col(line, 'committed_gpus'), col(line, 'free_gpus')].map(Number)).toEqual([m.installed, m.committed, m.free]);
      }
    }
    expect(
      col(
        lines.find((l) => col(l, 'key') === 'fr-1')!,
        'site_name',
      ),
    ).toBe(`'=HYPERLINK("http://evil.example","x")`);
  });

  it('reports energy over both control planes, as JSON and CSV', async () => {
    const range = `from=${new Date(t0).toISOString()}&to=${new Date(t0 + H).toISOString()}`;
    const res = await bff.fetch(`/api/capacity/energy?${range}&groupBy=network`);
    expect(res.status).toBe(200);
    const report = EnergyReportSchema.parse(await res.json());
    expect(report).toMatchObject({ hours: 1, pueBasis: 'interim', carbonBasis: 'location-based', rows: [{ key: 'network', sites: 3, facilityMwh: 2, pue: 1.2, tco2e: 0.042 }] });
    const csv = await bff.fetch(`/api/capacity/energy?${range}&groupBy=country`, { headers: { accept: 'text/csv' } });
    const [header, ...lines] = parseCsv(await csv.text());
    expect(header).toEqual([...ENERGY_CSV_HEADER]);
    const fr = lines.find((l) => l[0] === 'FR')!;
    expect(Number(fr[header!.indexOf('facility_mwh')])).toBe(2);
    expect(fr[header!.indexOf('pue_basis')]).toBe('interim');
  });

  it('answers 400 naming the field for a hostile or bad query', async () => {
    const problem = async (path: string) => {
      const res = await bff.fetch(path);
      expect(res.status, path).toBe(400);
      const { fields, message } = ErrorBodySchema.parse(await res.json()).error;
      return `${fields?.[0]?.field}: ${message}`;
    };
    expect(await problem('/api/capacity/ledger?groupBy=galaxy')).toMatch(/^groupBy: /);
    expect(await problem('/api/capacity/ledger?groupBy=site&groupBy=bloc')).toMatch(/^groupBy: /);
    expect(await problem('/api/capacity/ledger?tenant=tenant-b')).toMatch(/tenant/);
    expect(await problem('/api/capacity/energy?from=2026-03-01&to=2026-02-01')).toMatch(/^to: /);
    expect(await problem('/api/capacity/energy?from=2023-01-01&to=2026-01-01')).toMatch(/^to: /);
    expect(await problem('/api/capacity/energy?from=%00&to=2026-01-01')).toMatch(/^from: /);
    expect(await problem('/api/capacity/energy?period=fortnight')).toMatch(/^period: /);
  });
});
