import type { Candidate, Margin, Plan, Policy, RejectionReason, ScorePart } from '@corridor/shared';
import { formatCarbon, formatCount, formatMs, formatNumber, formatPercent, formatPrice } from '../../../lib/format.ts';
import { translate } from '../../../lib/i18n/runtime.ts';
import type { ReasonContext } from './reason-conditions.ts';
import { reasonText } from './reason-text.ts';

/** What the plan views need of a site besides its id. */
export interface SiteLabel {
  name: string;
  country: string;
}
export type SiteLabels = ReadonlyMap<string, SiteLabel>;

export interface CandidateRow {
  siteId: string;
  site: SiteLabel;
  candidate: Candidate;
}

export interface RejectedRow {
  siteId: string;
  site: SiteLabel;
  reasons: readonly RejectionReason[];
}

/** A site id the fleet list does not know (yet) still gets a row, under its id. */
const labelOf = (sites: SiteLabels, siteId: string): SiteLabel => sites.get(siteId) ?? { name: siteId, country: '' };

/**
 * Every site of a plan as table rows: candidates by rank, then the rejected sites nearest to fitting
 * first (fewest reasons), by name within that — "why not there?" is usually asked of a near miss.
 */
export function planRows(plan: Plan, sites: SiteLabels): { candidates: CandidateRow[]; rejected: RejectedRow[] } {
  const candidates = [...plan.candidates].sort((a, b) => a.rank - b.rank).map((candidate) => ({ siteId: candidate.siteId, site: labelOf(sites, candidate.siteId), candidate }));
  const rejected = plan.rejected
    .map((r) => ({ siteId: r.siteId, site: labelOf(sites, r.siteId), reasons: r.reasons }))
    .sort((a, b) => a.reasons.length - b.reasons.length || a.site.name.localeCompare(b.site.name, 'en'));
  return { candidates, rejected };
}

/** A score, 0–1, as two decimals ("0.86", "0,86"): the table compares them, more digits would be noise. */
export const formatScore = (score: number): string => formatNumber(score, 2, 2);

/** A figure with at most one decimal, in the console's language. */
const plain = (value: number): string => formatNumber(value, 1);

/** A figure in the unit the engine gave it, with the console's usual formatting for the units it knows. */
export function formatFigure(value: number, unit: string): string {
  switch (unit) {
    case 'ms':
      return formatMs(value);
    case 'gCO2/kWh':
    case 'gCO₂/kWh':
      return formatCarbon(value);
    case '$/kWh':
    case 'USD/kWh':
      return formatPrice(value);
    case 'ratio':
      return formatPercent(value);
    case '%':
      return `${plain(value)} %`;
    case 'regulated-demand pressure':
    case 'pressure':
      // The scarcity part's figure: how much regulated demand leans on the site's jurisdiction, 0–1.
      return translate('placement.figure.pressure', { value: formatNumber(value, 2) });
    default: {
      // "share of free H100": the engine's unit for the capacity fit, said in the console's language.
      const model = /^share of free (.+)$/.exec(unit)?.[1];
      if (model) return translate('placement.figure.shareOfFree', { percent: formatPercent(value), model });
      return `${plain(value)} ${unit}`;
    }
  }
}

/** A score part as its figure: "4.3 ms", "551 gCO₂/kWh". */
export const formatPart = (part: ScorePart): string => formatFigure(part.value, part.unit);

/** "needs 64 H100, 40 available"; a latency margin is a ceiling: "needs ≤ 20 ms, 38 ms here". */
export function formatMargin(margin: Margin): string {
  const needed = formatFigure(margin.needed, margin.unit);
  if (margin.unit === 'ms') return translate('placement.margin.ceiling', { needed, available: formatFigure(margin.available, margin.unit) });
  return translate('placement.margin.amount', { needed, available: plain(margin.available) });
}

/** The rule behind each matched rule id, for its legal basis and its note. */
export function matchedRuleDetails(plan: Plan, policy: Policy | undefined) {
  const byId = new Map(policy?.rules.map((r) => [r.id, r]));
  return plan.matchedRules.map((m) => {
    const rule = byId.get(m.id);
    return { id: m.id, title: m.title, legalBasis: rule?.legalBasis, note: rule?.note ?? translate('placement.plan.rule.defaultNote') };
  });
}

/** What the map shows of a plan: rank numbers on candidates, rejected sites greyed, and each site's story on hover. */
export interface PlanMarks {
  ranks: ReadonlyMap<string, number>;
  greyed: ReadonlySet<string>;
  notes: ReadonlyMap<string, string>;
}

/** What a plan's reasons are said with: the policy (condition labels), the data's origin and the sites' countries. */
export interface PlanContext {
  policy?: Policy;
  origin?: string;
  sites?: SiteLabels;
}

/** The reason context for one site of a plan. */
export const reasonContextOf = ({ policy, origin, sites }: PlanContext, siteId: string): ReasonContext => ({
  ...(policy ? { policy } : {}),
  ...(origin ? { origin } : {}),
  ...(sites?.get(siteId)?.country ? { country: sites.get(siteId)!.country } : {}),
});

/** The map's marks for a plan, in the language in force; one line per rejection reason in the hover note. */
export function planMarks(plan: Plan, context: PlanContext = {}): PlanMarks {
  const ranks = new Map<string, number>();
  const notes = new Map<string, string>();
  for (const c of plan.candidates) {
    ranks.set(c.siteId, c.rank);
    notes.set(c.siteId, translate('placement.mark.candidate', { rank: formatCount(c.rank), score: formatScore(c.score), free: formatCount(c.freeGpus), model: c.gpuModel }));
  }
  for (const r of plan.rejected) {
    const lines = r.reasons.map((reason) => translate('placement.mark.reason', { code: reason.code, message: reasonText(reason, reasonContextOf(context, r.siteId)) }));
    notes.set(r.siteId, [translate('placement.mark.rejected'), ...lines].join('\n'));
  }
  return { ranks, greyed: new Set(plan.rejected.map((r) => r.siteId)), notes };
}
