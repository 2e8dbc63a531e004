import './placement.css';
import type { Candidate, Plan, RejectionReason } from '@corridor/shared';
import type { ReactNode } from 'react';
import { formatCount, formatKw, formatPercent } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { formatMargin, formatPart, formatScore, planRows, type SiteLabels } from '../model/plan-view.ts';
import { reasonText, showsOriginal } from '../model/reason-text.ts';

const PARTS = ['latency', 'carbon', 'cost', 'capacity'] as const satisfies readonly (keyof Candidate['parts'])[];

const COLUMNS = 3 + PARTS.length + 2;

/** The id of a site's row, so the map can bring it into view. */
export const planRowId = (siteId: string) => `plan-site-${siteId}`;

const muted = (chunks: ReactNode[]) => <span className="muted">{chunks}</span>;

interface PlanTableProps {
  plan: Plan;
  sites: SiteLabels;
  /** The site the workload was placed on, marked in the table (a workload's page, where free GPUs are as they were then). */
  placedOn?: string;
}

/**
 * Every site of a plan: candidates by rank with their score and its parts (each figure in its unit,
 * its 0–1 part score beside it), then the rejected sites with every reason — code, sentence, margin
 * and the policy rule behind it. Rejected rows say so in text and with a ✕, not by their grey alone.
 */
export function PlanTable({ plan, sites, placedOn }: PlanTableProps) {
  const t = useT();
  const { candidates, rejected } = planRows(plan, sites);
  const weights = plan.candidates[0]?.parts;
  return (
    <table className="data-table plan-table">
      <caption className="visually-hidden">{t('placement.table.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('placement.table.rank')}</th>
          <th scope="col">{t('placement.table.site')}</th>
          <th scope="col">{t.rich('placement.table.score', { muted })}</th>
          {PARTS.map((key) => (
            <th key={key} scope="col">
              {t(`placement.weight.${key}`)}
              {weights && <span className="muted">{t('placement.table.weight', { share: formatPercent(weights[key].weight) })}</span>}
            </th>
          ))}
          <th scope="col">{placedOn ? t('placement.table.freeGpusThen') : t('placement.table.freeGpus')}</th>
          <th scope="col">{t('placement.table.power')}</th>
        </tr>
      </thead>
      <tbody aria-label={t('placement.table.candidates')}>
        <tr className="group-row">
          <th scope="rowgroup" colSpan={COLUMNS}>
            {t('placement.table.candidates.heading', { count: candidates.length })}
          </th>
        </tr>
        {candidates.length === 0 && (
          <tr>
            <td colSpan={COLUMNS} className="muted">
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
              <td key={key} title={candidate.parts[key].basis}>
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
          </tr>
        ))}
      </tbody>
      <tbody aria-label={t('placement.table.rejected')}>
        <tr className="group-row">
          <th scope="rowgroup" colSpan={COLUMNS}>
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
            <td colSpan={COLUMNS - 2}>
              <Reasons reasons={reasons} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
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
export function Reasons({ reasons }: { reasons: readonly RejectionReason[] }) {
  const t = useT();
  const original = showsOriginal();
  return (
    <ul className="reasons">
      {reasons.map((r, i) => (
        <li key={i}>
          {t.rich('placement.reason.sentence', { code: r.code, sentence: reasonText(r), tt: (chunks) => <code className="reason-code">{chunks}</code> })}
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
