import './placement.css';
import type { Candidate, Plan, RejectionReason } from '@corridor/shared';
import type { ReactNode } from 'react';
import { formatCount, formatKw, formatPercent } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { conditionsToAllow, type ReasonContext } from '../model/reason-conditions.ts';
import { formatMargin, formatPart, formatScore, planRows, reasonContextOf, type PlanContext, type SiteLabels } from '../model/plan-view.ts';
import { conditionsSentence, reasonText, showsOriginal } from '../model/reason-text.ts';

const PARTS = ['latency', 'carbon', 'cost', 'capacity', 'scarcity'] as const satisfies readonly (keyof Candidate['parts'])[];

/** The id of a site's row, so the map can bring it into view. */
export const planRowId = (siteId: string) => `plan-site-${siteId}`;

const muted = (chunks: ReactNode[]) => <span className="muted">{chunks}</span>;

interface PlanTableProps {
  plan: Plan;
  sites: SiteLabels;
  /** The site the workload was placed on, marked in the table (a workload's page, where free GPUs are as they were then). */
  placedOn?: string;
  /** The policy (conditions by their labels) and the data's origin, to say the reasons from their parts. */
  context?: Omit<PlanContext, 'sites'>;
  /** Offered: a "Place here" button on each candidate, which calls this with the site. */
  onChoose?: (siteId: string) => void;
  /** A commit is under way: the buttons wait. */
  choosing?: boolean;
}

/**
 * Every site of a plan: candidates by rank with their score and its parts (each figure in its unit,
 * its 0–1 part score beside it), then the rejected sites with every reason — code, sentence, margin
 * and the policy rule behind it. Rejected rows say so in text and with a ✕, not by their grey alone.
 */
export function PlanTable({ plan, sites, placedOn, context = {}, onChoose, choosing = false }: PlanTableProps) {
  const t = useT();
  const { candidates, rejected } = planRows(plan, sites);
  const weights = plan.candidates[0]?.parts;
  const columns = 3 + PARTS.length + 2 + (onChoose ? 1 : 0);
  const planContext: PlanContext = { ...context, sites };
  return (
    // Wider than its panel on a narrow screen: the table scrolls in its own box (named and focusable, so the
    // keyboard can scroll it), never the page.
    <div className="plan-table-scroll" role="region" aria-label={t('placement.table.caption')} tabIndex={0}>
      <table className="data-table plan-table">
        <caption className="visually-hidden">{t('placement.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('placement.table.rank')}</th>
            <th scope="col">{t('placement.table.site')}</th>
            <th scope="col">{t.rich('placement.table.score', { muted })}</th>
            {PARTS.map((key) => (
              <th key={key} scope="col" title={key === 'scarcity' ? t('placement.part.scarcity.sentence') : undefined}>
                {t(`placement.weight.${key}`)}
                {weights && <span className="muted">{t('placement.table.weight', { share: formatPercent(weights[key].weight) })}</span>}
              </th>
            ))}
            <th scope="col">{placedOn ? t('placement.table.freeGpusThen') : t('placement.table.freeGpus')}</th>
            <th scope="col">{t('placement.table.power')}</th>
            {onChoose && (
              <th scope="col">
                <span className="visually-hidden">{t('placement.table.choose')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody aria-label={t('placement.table.candidates')}>
          <tr className="group-row">
            <th scope="rowgroup" colSpan={columns}>
              {t('placement.table.candidates.heading', { count: candidates.length })}
            </th>
          </tr>
          {candidates.length === 0 && (
            <tr>
              <td colSpan={columns} className="muted">
                {t('placement.table.candidates.none')}
              </td>
            </tr>
          )}
          {candidates.map(({ siteId, site, candidate }) => (
            <tr key={siteId} id={planRowId(siteId)} tabIndex={-1} className={siteId === placedOn ? 'placed' : undefined}>
              <td>
                <span className={`rank-badge${candidate.rank === 1 ? ' first' : ''}`}>{formatCount(candidate.rank)}</span>
              </td>
              <th scope="row">
                <SiteName name={site.name} country={site.country} />
                {siteId === placedOn && <span className="placed-tag">{t('placement.table.placedHere')}</span>}
              </th>
              <td className="score">{formatScore(candidate.score)}</td>
              {PARTS.map((key) => (
                <td key={key} className="part" title={candidate.parts[key].basis}>
                  {key === 'latency' && candidate.rttMs === undefined ? (
                    // No latency objective: there is no round trip to show, only the reason (title).
                    <span className="muted">{t('placement.table.notScored')}</span>
                  ) : (
                    <bdi>{t.rich('placement.table.part', { figure: formatPart(candidate.parts[key]), score: formatScore(candidate.parts[key].score), muted })}</bdi>
                  )}
                </td>
              ))}
              <td>
                <bdi>{t('placement.table.free', { count: formatCount(candidate.freeGpus), model: candidate.gpuModel })}</bdi>
              </td>
              <td>
                <bdi>{formatKw(candidate.powerKw)}</bdi>
              </td>
              {onChoose && (
                <td>
                  <button type="button" className="place-here" aria-label={t('placement.table.placeHere.label', { site: site.name })} disabled={choosing} onClick={() => onChoose(siteId)}>
                    {t('placement.table.placeHere')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
        <tbody aria-label={t('placement.table.rejected')}>
          <tr className="group-row">
            <th scope="rowgroup" colSpan={columns}>
              {t('placement.table.rejected.heading', { count: rejected.length })}
            </th>
          </tr>
          {rejected.map(({ siteId, site, reasons }) => (
            <tr key={siteId} id={planRowId(siteId)} tabIndex={-1} className="rejected">
              <td aria-label={t('placement.table.notRanked')}>
                <span className="rejected-mark" aria-hidden="true">
                  {t('placement.table.notRanked.mark')}
                </span>
              </td>
              <th scope="row">
                <SiteName name={site.name} country={site.country} />
              </th>
              <td colSpan={columns - 2}>
                <Reasons reasons={reasons} context={reasonContextOf(planContext, siteId)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A site's name (Latin, kept in its order in Arabic) and its country code. */
function SiteName({ name, country }: { name: string; country: string }) {
  const t = useT();
  return t.rich('placement.table.site.name', { name: <bdi key="name">{name}</bdi>, country, muted });
}

/**
 * Every reason a site was rejected for: code, sentence, margin and rule. In French or Arabic the sentence
 * is the console's, and the engine's own English sentence is one click away.
 */
export function Reasons({ reasons, context = {} }: { reasons: readonly RejectionReason[]; context?: ReasonContext }) {
  const t = useT();
  const original = showsOriginal();
  return (
    <ul className="reasons">
      {reasons.map((r, i) => (
        <li key={i}>
          <ReasonSentence reason={r} context={context} />
          {r.margin && <span className="margin">{t('placement.reason.margin', { margin: formatMargin(r.margin) })}</span>}
          {r.ruleId && <span className="muted">{t.rich('placement.reason.rule', { ruleId: <bdi key="rule">{r.ruleId}</bdi> })}</span>}
          {original && (
            <details className="reason-original">
              <summary>{t('placement.reason.original')}</summary>
              <p lang="en" dir="ltr">
                {r.message}
              </p>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * A reason's code and sentence. A jurisdiction a condition would open names each condition by the policy's
 * label (English, the pack's words) with its code in small type after it, one line per alternative.
 */
function ReasonSentence({ reason, context }: { reason: RejectionReason; context: ReasonContext }) {
  const t = useT();
  const tt = (chunks: ReactNode[]) => <code className="reason-code">{chunks}</code>;
  const sets = conditionsToAllow(reason, context);
  if (sets.length === 0) return t.rich('placement.reason.sentence', { code: reason.code, sentence: reasonText(reason, context), tt });
  return (
    <>
      {t.rich('placement.reason.sentence', { code: reason.code, sentence: conditionsSentence(context.country!), tt })}
      <ul className="condition-sets">
        {sets.map((set) => (
          <li key={set.map((c) => c.id).join('+')}>
            {set.map((c, i) => (
              <span key={c.id}>
                {i > 0 && t('placement.condition.and')}
                <ConditionName id={c.id} label={c.label} />
              </span>
            ))}
          </li>
        ))}
      </ul>
    </>
  );
}

/** A condition by its label (the policy pack's English words), its code in small type after it. */
export function ConditionName({ id, label }: { id: string; label: string }) {
  return (
    <>
      <span lang="en">{label}</span>
      <code className="condition-code">{id}</code>
    </>
  );
}
