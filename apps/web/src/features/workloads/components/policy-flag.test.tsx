// @vitest-environment jsdom
import type { PolicyFlag } from '@corridor/shared';
import { buildWorkload } from '@corridor/shared/testing';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDateTime } from '../../../lib/format.ts';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { viewerZone } from '../../../lib/local-time.ts';
import { AuditTrail } from './audit-trail.tsx';
import { PolicyFlagNotice } from './policy-flag-notice.tsx';
import { WorkloadFilters } from './workload-filters.tsx';
import { WorkloadTable } from './workload-table.tsx';

const flag: PolicyFlag = {
  policyVersion: 'sha256:3f2a9c1b0d4e',
  ruleId: 'test-commercial-in-france',
  ruleTitle: 'Moroccan commercial data is hosted in France',
  code: 'JURISDICTION_NOT_ALLOWED',
  message: 'MA is not allowed by “Moroccan commercial data is hosted in France”, which allows only FR.',
  flaggedAt: '2026-12-03T18:00:00.000Z',
};
const siteName = (id: string) => (id === 'usdc-tangier-1' ? 'USDC Tangier 1' : id);
const link = (id: string) => ({ href: `#${id}` });

afterEach(async () => {
  cleanup();
  await activateLocale('en');
});

describe('a workload the policy in force no longer allows where it runs (issue 15)', () => {
  it('is marked in the list by a glyph and words naming the version and the rule; the others are not', () => {
    const flagged = buildWorkload({ id: 'wl-flagged', name: 'Shop search', policyFlag: flag, createdAt: '2026-12-02T10:00:00.000Z' });
    const lawful = buildWorkload({ id: 'wl-lawful', name: 'Ledger batch', createdAt: '2026-12-01T10:00:00.000Z' });
    render(<WorkloadTable workloads={[flagged, lawful]} siteName={siteName} linkTo={link} />);
    const [flaggedRow, lawfulRow] = screen.getAllByRole('row').slice(1) as [HTMLElement, HTMLElement];
    expect(within(flaggedRow).getByText('Not lawful under policy 3f2a9c1b0d4e: Moroccan commercial data is hosted in France')).toBeTruthy();
    expect(flaggedRow.textContent).toContain('⚠');
    expect(lawfulRow.textContent).not.toMatch(/Not lawful|⚠/);
  });

  it('offers the filter "Flagged by the policy", and clears it with the others', () => {
    const onChange = vi.fn();
    render(<WorkloadFilters filter={{}} sites={[]} onChange={onChange} byTenant />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Flagged by the policy' }));
    expect(onChange).toHaveBeenLastCalledWith({ flagged: 'true' });
    cleanup();
    render(<WorkloadFilters filter={{ flagged: 'true' }} sites={[]} onChange={onChange} byTenant />);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Flagged by the policy' }).checked).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ flagged: undefined }));
  });

  it('says on its page which rule, under which version, since when, why, and what the operator can do', () => {
    render(<PolicyFlagNotice flag={flag} siteName="USDC Tangier 1" />);
    const notice = screen.getByRole('region', { name: 'Not lawful under the policy in force' });
    expect(within(notice).getByText('Moroccan commercial data is hosted in France')).toBeTruthy();
    expect(within(notice).getByText('test-commercial-in-france')).toBeTruthy();
    expect(within(notice).getByText(`Since (${viewerZone()})`)).toBeTruthy();
    expect(within(notice).getByText(formatDateTime(flag.flaggedAt))).toBeTruthy();
    expect(notice.textContent).toContain('does not allow this data in the country of the site it runs on');
    expect(notice.textContent).toContain('Nothing was moved');
    expect(notice.textContent).toContain('release it, or move it with a drain of USDC Tangier 1');
  });

  it('names the flag and its end on the audit trail', () => {
    const record = (seq: number, action: 'policy-flag' | 'policy-unflag', detail: Record<string, unknown>) => ({
      seq,
      at: '2026-12-03T18:00:00.000Z',
      actor: 'adil',
      action,
      subject: 'workload:wl-1',
      detail,
      prevHash: '0'.repeat(64),
      hash: 'f'.repeat(64),
    });
    render(<AuditTrail records={[record(8, 'policy-flag', { ...flag, siteId: 'usdc-tangier-1' }), record(9, 'policy-unflag', { policyVersion: 'sha256:0a1b2c3d4e5f' })]} siteName={siteName} />);
    const trail = screen.getByRole('table', { name: 'Audit trail, oldest first' });
    const [flaggedRow, unflaggedRow] = within(trail).getAllByRole('row').slice(1) as [HTMLElement, HTMLElement];
    expect(within(flaggedRow).getByRole('rowheader', { name: 'Flagged by the policy' })).toBeTruthy();
    expect(flaggedRow.textContent).toContain('Not lawful under policy 3f2a9c1b0d4e: Moroccan commercial data is hosted in France');
    expect(within(unflaggedRow).getByRole('rowheader', { name: 'Lawful again' })).toBeTruthy();
    expect(unflaggedRow.textContent).toContain('lawful again under policy 0a1b2c3d4e5f');
  });

  it('in French and Arabic: the badge and the filter in the language in force', async () => {
    await activateLocale('fr');
    render(<WorkloadTable workloads={[buildWorkload({ policyFlag: flag })]} siteName={siteName} linkTo={link} />);
    expect(screen.getByText('Non conforme à la politique 3f2a9c1b0d4e : Moroccan commercial data is hosted in France')).toBeTruthy();
    cleanup();
    await activateLocale('ar');
    render(<WorkloadFilters filter={{}} sites={[]} onChange={() => {}} byTenant />);
    expect(screen.getByRole('checkbox', { name: 'ما أشارت إليه السياسة' })).toBeTruthy();
    cleanup();
    render(<WorkloadTable workloads={[buildWorkload({ policyFlag: flag })]} siteName={siteName} linkTo={link} />);
    expect(screen.getByText('غير مشروع بموجب السياسة \u20683f2a9c1b0d4e\u2069: \u2068Moroccan commercial data is hosted in France\u2069')).toBeTruthy();
  });
});
