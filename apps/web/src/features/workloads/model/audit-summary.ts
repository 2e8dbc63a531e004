import type { AuditAction, AuditRecord } from '@corridor/shared';
import { formatCount, formatKw } from '../../../lib/format.ts';

const ACTION_LABELS: Partial<Record<AuditAction, string>> = {
  plan: 'Planned',
  commit: 'Committed',
  'commit-rejected': 'Commit refused',
  release: 'Released',
  migrate: 'Migrated',
  strand: 'Stranded',
  start: 'Started',
};

/** What an audit action is called on the trail ("Committed", "Commit refused"); an unknown one by its code. */
export const auditActionLabel = (action: AuditAction): string => ACTION_LABELS[action] ?? action;

const text = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** "64 H100 · 76.8 kW" from an audit detail's gpuCount, gpuModel and powerKw (what it has of them). */
function heldLine(detail: Record<string, unknown>): string {
  const count = num(detail.gpuCount);
  const power = num(detail.powerKw);
  return [count !== undefined ? `${formatCount(count)} ${text(detail.gpuModel) ?? 'GPUs'}` : undefined, power !== undefined ? formatKw(power) : undefined].filter(Boolean).join(' · ');
}

/**
 * One line saying what an audit record did, with site names: "on USDC Tangier 1 (rank 1): 64 H100 ·
 * 77 kW". Records of a kind it does not know are summed up by their plain fields.
 */
export function auditSummary(record: AuditRecord, siteName: (id: string) => string): string {
  const d = record.detail;
  const site = (value: unknown) => (typeof value === 'string' ? siteName(value) : undefined);
  switch (record.action) {
    case 'commit':
      return [`on ${site(d.siteId) ?? 'a site'}${num(d.rank) !== undefined ? ` (rank ${d.rank})` : ''}`, heldLine(d)].filter(Boolean).join(': ');
    case 'release':
      return [site(d.siteId) ? `from ${site(d.siteId)}` : 'released', heldLine(d) ? `${heldLine(d)} freed` : ''].filter(Boolean).join(': ');
    case 'migrate':
      return `${d.after === 'stranded' ? 'stranded' : (site(d.from) ?? '?')} → ${site(d.to) ?? '?'}${num(d.rank) !== undefined ? ` (rank ${d.rank})` : ''}`;
    case 'strand':
      return `no lawful site fits${Array.isArray(d.codes) && d.codes.length > 0 ? `: ${d.codes.join(', ')}` : ''}`;
    default:
      return Object.entries(d)
        .flatMap(([key, value]) => (text(value) === undefined ? [] : [`${key}: ${text(value)}`]))
        .join(' · ');
  }
}
