import type { AuditRecord } from '@corridor/shared';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../../lib/format.ts';
import { auditSummary } from './audit-summary.ts';

const record = (overrides: Partial<AuditRecord>): AuditRecord => ({
  seq: 1,
  at: '2026-03-01T10:00:00.000Z',
  actor: 'anonymous',
  action: 'commit',
  subject: 'workload:wl-1',
  detail: {},
  prevHash: '0'.repeat(64),
  hash: 'f'.repeat(64),
  ...overrides,
});

const names: Record<string, string> = { 'usdc-tangier-1': 'USDC Tangier 1', 'usdc-casablanca-1': 'USDC Casablanca 1' };
const siteName = (id: string) => names[id] ?? id;

describe('the audit trail', () => {
  it('says what each audit record did, with site names and units', () => {
    const commit = record({ detail: { siteId: 'usdc-tangier-1', rank: 1, gpuModel: 'H100', gpuCount: 64, powerKw: 76.8 } });
    expect(auditSummary(commit, siteName)).toBe('on USDC Tangier 1 (rank 1): 64 H100 · 77 kW');
    const release = record({ action: 'release', detail: { from: 'running', siteId: 'usdc-tangier-1', gpuModel: 'H100', gpuCount: 64, powerKw: 76.8 } });
    expect(auditSummary(release, siteName)).toBe('from USDC Tangier 1: 64 H100 · 77 kW freed');
    const migrate = record({ action: 'migrate', detail: { from: 'usdc-tangier-1', to: 'usdc-casablanca-1', rank: 2 } });
    expect(auditSummary(migrate, siteName)).toBe('USDC Tangier 1 → USDC Casablanca 1 (rank 2)');
    const replaced = record({ action: 'migrate', detail: { from: null, to: 'usdc-casablanca-1', rank: 1, after: 'stranded' } });
    expect(auditSummary(replaced, siteName)).toBe('stranded → USDC Casablanca 1 (rank 1)');
    const strand = record({ action: 'strand', detail: { codes: ['JURISDICTION_NOT_ALLOWED', 'INSUFFICIENT_GPUS'] } });
    expect(auditSummary(strand, siteName)).toBe('no lawful site fits: JURISDICTION_NOT_ALLOWED, INSUFFICIENT_GPUS');
    expect(auditSummary(record({ action: 'start', detail: { siteId: 'usdc-tangier-1', nested: { a: 1 } } }), siteName)).toBe('siteId: usdc-tangier-1');
  });

  it('writes times as day, month and clock, and leaves a non-date as it is', () => {
    expect(formatDateTime('2026-03-01T10:00:00.000Z')).toMatch(/^\d{1,2} Mar, \d{2}:\d{2}:\d{2}$/);
    expect(formatDateTime('yesterday')).toBe('yesterday');
  });
});
