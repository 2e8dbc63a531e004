// @vitest-environment jsdom
import type { FleetSummary } from '@corridor/shared';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import type { HealthCounts } from '../model/health-counts.ts';
import type { HeaderLedger } from '../model/header-ledger.ts';
import { FleetHeader } from './fleet-header.tsx';

const summary = (siteCount: number, countryCount: number): FleetSummary =>
  ({
    siteCount,
    countryCount,
    sitesByStatus: { operational: siteCount },
    itCapacityMw: { operational: 1234.5, construction: 40, planned: 0 },
    gpus: { total: 8500, operational: 1 },
  }) as FleetSummary;

/** 1,234.5 MW installed, one GPU: the plural forms of both. */
const ledger: HeaderLedger = {
  status: 'ready',
  row: {
    key: 'network',
    sites: { installed: 16, underMaintenance: 0, pipeline: 0 },
    mw: { installed: 1234.5, committed: 0, outOfService: 0, free: 1234.5, stranded: 0, pipeline: 0 },
    gpus: { installed: 1, committed: 0, outOfService: 0, free: 1, stranded: 0, pipeline: 0 },
    gpusByModel: [],
    underMaintenance: { mw: 0, gpus: 0 },
    inUse: { itMw: null, gpusBusy: null, sitesReporting: 0 },
    pipelineSites: [],
  },
};

const counts: HealthCounts = {
  declared: { operational: 14, maintenance: 0, construction: 0, planned: 2 },
  operational: { ok: 13, degraded: 1, down: 0, 'no-data': 0 },
};

afterEach(async () => {
  cleanup();
  await activateLocale('en');
});

describe('FleetHeader', () => {
  it('counts in the language’s plurals: "1 site in 1 country", not "1 sites in 1 countries"', () => {
    render(<FleetHeader summary={summary(1, 1)} ledger={ledger} />);
    expect(screen.getByLabelText('Fleet totals').textContent).toContain('1 site in 1 country');
    expect(screen.getByLabelText('Fleet totals').textContent).toContain('1 GPU installed · 0 GPUs committed · 1 GPU free');
  });

  it('a tenant reads its own committed as such, and a stale ledger says since when', () => {
    render(<FleetHeader summary={summary(16, 4)} ledger={{ ...ledger, ownOnly: true, staleAsOf: '2026-12-03T09:00:00Z' }} />);
    const totals = screen.getByLabelText('Fleet totals').textContent;
    expect(totals).toContain('0 GPUs committed by you');
    expect(totals).toMatch(/Capacity as of \d\d:\d\d:\d\d: not refreshed/);
  });

  it('in French: totals, counts and units in French', async () => {
    await activateLocale('fr');
    render(<FleetHeader summary={summary(16, 4)} counts={counts} synthetic={1} ledger={ledger} />);
    const totals = screen.getByLabelText('Totaux du parc');
    expect(totals.textContent).toContain('16 sites dans 4 pays');
    expect(totals.textContent).toContain('1\u202f234,5 MW installés');
    expect(screen.getByRole('list', { name: 'Sites par statut et par état' }).textContent).toBe('13 opérationnels1 dégradé2 prévus');
    expect(screen.getByText('Parc synthétique · 1 site')).toBeTruthy();
  });

  it('in Arabic: totals and counts in Arabic, with Latin digits', async () => {
    await activateLocale('ar');
    render(<FleetHeader summary={summary(2, 11)} counts={counts} />);
    const totals = screen.getByLabelText('مجاميع الأسطول');
    expect(totals.textContent).toContain('موقعان في 11 بلدًا');
    expect(screen.getByRole('list', { name: 'المواقع حسب الحالة والصحة' }).textContent).toContain('عاملة: 13');
  });
});
