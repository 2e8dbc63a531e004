import type { AuditAction, AuditRecord } from '@corridor/shared';
import { formatCount, formatKw } from '../../../lib/format.ts';
import { translate } from '../../../lib/i18n/runtime.ts';
import { shortPolicyVersion } from './policy-flag.ts';
import { selectKey } from './select-key.ts';

/** What an audit action is called on the trail ("Committed", "Commit refused"); an unknown one by its code. */
export const auditActionLabel = (action: AuditAction): string => translate('workloads.trail.action', { action: selectKey(action), code: action });

const text = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const yes = (flag: boolean) => (flag ? 'yes' : 'no');

/** GPUs with their model when known ("64 H100"), else counted ("64 GPUs"). */
export function gpusText(count: number, model: string | undefined): string {
  return model ? translate('workloads.gpusOfModel', { count: formatCount(count), model }) : translate('workloads.gpus', { count });
}

/** "64 H100 · 76.8 kW" from an audit detail's gpuCount, gpuModel and powerKw (what it has of them). */
function heldLine(detail: Record<string, unknown>): string {
  const count = num(detail.gpuCount);
  const power = num(detail.powerKw);
  return [count !== undefined ? gpusText(count, text(detail.gpuModel)) : undefined, power !== undefined ? formatKw(power) : undefined].filter(Boolean).join(' · ');
}

/**
 * One line saying what an audit record did, with site names: "on USDC Tangier 1 (rank 1): 64 H100 ·
 * 77 kW". Records of a kind it does not know are summed up by their plain fields.
 */
export function auditSummary(record: AuditRecord, siteName: (id: string) => string): string {
  const d = record.detail;
  const site = (value: unknown) => (typeof value === 'string' ? siteName(value) : undefined);
  const rank = num(d.rank);
  const ranked = { ranked: yes(rank !== undefined), rank: String(rank ?? '') };
  const held = heldLine(d);
  switch (record.action) {
    case 'commit':
      return translate('workloads.trail.commit', { site: site(d.siteId) ?? translate('workloads.trail.aSite'), ...ranked, withHeld: yes(!!held), held });
    case 'release':
      return translate('workloads.trail.release', { fromSite: yes(!!site(d.siteId)), site: site(d.siteId) ?? '', withHeld: yes(!!held), held });
    case 'migrate':
      return translate('workloads.trail.migrate', { stranded: yes(d.after === 'stranded'), from: site(d.from) ?? '?', to: site(d.to) ?? '?', ...ranked });
    case 'strand': {
      const codes = Array.isArray(d.codes) ? d.codes.join(', ') : '';
      return translate('workloads.trail.strand', { withCodes: yes(codes !== ''), codes });
    }
    // A policy change's re-check (issue 15): the rule that now forbids it where it runs, or lawful again.
    case 'policy-flag':
      return translate('workloads.flag.badge', { version: shortPolicyVersion(text(d.policyVersion) ?? ''), rule: text(d.ruleTitle) ?? text(d.ruleId) ?? '' });
    case 'policy-unflag':
      return translate('workloads.trail.policyUnflag', { version: shortPolicyVersion(text(d.policyVersion) ?? '') });
    default:
      return Object.entries(d)
        .flatMap(([key, value]) => (text(value) === undefined ? [] : [translate('workloads.trail.detailPair', { key, value: text(value) })]))
        .join(' · ');
  }
}
