// @vitest-environment jsdom
import type { AuditRecord } from '@corridor/shared';
import { buildWorkload } from '@corridor/shared/testing';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { viewerZone } from '../../../lib/local-time.ts';
import { AuditTrail } from './audit-trail.tsx';
import { ReleaseButton } from './release-button.tsx';
import { WorkloadFacts } from './workload-facts.tsx';
import { WorkloadFilters } from './workload-filters.tsx';
import { WorkloadTable } from './workload-table.tsx';

const siteName = (id: string) => (id === 'usdc-tangier-1' ? 'USDC Tangier 1' : id);
const link = (id: string) => ({ href: `#${id}` });

const commit: AuditRecord = {
  seq: 7,
  at: '2026-03-01T10:00:00.000Z',
  actor: 'ana',
  action: 'commit',
  subject: 'workload:wl-1',
  detail: { siteId: 'usdc-tangier-1', rank: 1, gpuModel: 'H100', gpuCount: 64, powerKw: 76.8 },
  prevHash: '0'.repeat(64),
  hash: 'f'.repeat(64),
};

afterEach(async () => {
  cleanup();
  await activateLocale('en');
});

describe('workloads in other languages', () => {
  it('in French: the list names its columns, the state, the sector and the data in French, the time column its zone', async () => {
    await activateLocale('fr');
    render(<WorkloadTable workloads={[buildWorkload({ state: 'running' })]} siteName={siteName} linkTo={link} />);
    const table = screen.getByRole('table', { name: 'Charges de travail, les plus récentes d’abord' });
    expect(within(table).getByRole('columnheader', { name: `Créée (${viewerZone()})` })).toBeTruthy();
    expect(within(table).getByText('En cours')).toBeTruthy();
    const row = within(table).getAllByRole('row')[1]!;
    expect(row.textContent).toContain('santé · personnelles de MA');
    expect(row.textContent).toMatch(/64 H100.*77\s?kW/);
  });

  it('in French: the filters and an empty audit trail', async () => {
    await activateLocale('fr');
    render(<WorkloadFilters filter={{}} sites={[]} onChange={() => {}} byTenant />);
    const filters = screen.getByRole('search', { name: 'Filtrer les charges de travail' });
    const sector = within(filters).getByLabelText<HTMLSelectElement>('Secteur');
    expect([...sector.options].map((o) => o.text)).toContain('Santé');
    expect(within(filters).getByPlaceholderText('Identifiant du locataire')).toBeTruthy();
    cleanup();
    render(<AuditTrail records={[]} siteName={siteName} />);
    expect(screen.getByText('Aucun enregistrement d’audit pour l’instant.')).toBeTruthy();
  });

  it('in Arabic: the facts, the audit trail and the release question', async () => {
    await activateLocale('ar');
    render(<WorkloadFacts workload={buildWorkload()} siteName={siteName} siteLink={link} />);
    expect(screen.getByText('القدرة المحجوزة')).toBeTruthy();
    expect(screen.getByText('الصحة')).toBeTruthy();
    expect(screen.getByText(`تاريخ الإنشاء (\u2068${viewerZone()}\u2069)`)).toBeTruthy();
    cleanup();
    render(<AuditTrail records={[commit]} siteName={siteName} />);
    const trail = screen.getByRole('table', { name: 'مسار التدقيق، الأقدم أولًا' });
    expect(within(trail).getByRole('rowheader', { name: 'ثُبّت' })).toBeTruthy();
    expect(trail.textContent).toContain('الترتيب 1');
    cleanup();
    render(<ReleaseButton workload={buildWorkload({ name: 'Claims triage' })} siteName="USDC Tangier 1" onRelease={() => {}} releasing={false} />);
    expect(screen.getByRole('button', { name: 'تحرير' })).toBeTruthy();
    expect(screen.getByText('تحرير \u2068Claims triage\u2069؟', { selector: 'h2' })).toBeTruthy();
  });

  it('names an affirmed condition by the policy’s label, its code after it, and by its code alone before the policy is read', () => {
    const base = buildWorkload();
    const workload = { ...base, request: { ...base.request, conditions: ['cndp-authorisation'] } };
    const { rerender } = render(<WorkloadFacts workload={workload} siteName={siteName} siteLink={link} />);
    expect(screen.getByRole('listitem').textContent).toBe('cndp-authorisation');
    rerender(<WorkloadFacts workload={workload} siteName={siteName} siteLink={link} conditionLabels={new Map([['cndp-authorisation', 'CNDP authorisation obtained']])} />);
    expect(screen.getByRole('listitem').textContent).toBe('CNDP authorisation obtained cndp-authorisation');
    expect(within(screen.getByRole('listitem')).getByText('cndp-authorisation').tagName).toBe('CODE');
  });

  it('in English: one GPU in the singular, the release question as before', () => {
    render(<ReleaseButton workload={buildWorkload({ name: 'Tiny', gpuModel: undefined, gpuCount: 1, powerKw: 1.2 })} onRelease={() => {}} releasing={false} />);
    expect(screen.getByText('Release Tiny?', { selector: 'h2' })).toBeTruthy();
    expect(screen.getByText('Its 1 GPU and 1 kW become free for other workloads. The workload stays listed as released.')).toBeTruthy();
  });
});
