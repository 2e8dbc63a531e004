import './placement.css';
import type { Candidate, Plan, RejectionReason } from '@corridor/shared';
import { formatCount, formatKw, formatPercent } from '../../../lib/format.ts';
import { formatMargin, formatPart, formatScore, planRows, type SiteLabels } from '../model/plan-view.ts';

const PARTS = [
  ['latency', 'Latency'],
  ['carbon', 'Carbon'],
  ['cost', 'Energy cost'],
  ['capacity', 'Capacity fit'],
] as const satisfies readonly [keyof Candidate['parts'], string][];

const COLUMNS = 3 + PARTS.length + 2;

/** The id of a site's row, so the map can bring it into view. */
export const planRowId = (siteId: string) => `plan-site-${siteId}`;

interface PlanTableProps {
  plan: Plan;
  sites: SiteLabels;
  /** The site the workload was placed on, marked in the table (a workload's page, where free GPUs are as they were then). */
  placedOn?: string;
}

/**
 * Every site of a plan: candidates by rank with their score and its parts (each figure in its unit,
 * its 0–1 part score beside it), then the rejected sites with every reason — code, sentence, margin
 * and the policy rule behind it.
 */
export function PlanTable({ plan, sites, placedOn }: PlanTableProps) {
  const { candidates, rejected } = planRows(plan, sites);
  const weights = plan.candidates[0]?.parts;
  return (
    <table className="data-table plan-table">
      <caption className="visually-hidden">Every site of the fleet: candidates by rank, then rejected sites with their reasons</caption>
      <thead>
        <tr>
          <th scope="col">Rank</th>
          <th scope="col">Site</th>
          <th scope="col">
            Score <span className="muted">0–1</span>
          </th>
          {PARTS.map(([key, text]) => (
            <th key={key} scope="col">
              {text}
              {weights && <span className="muted"> × {formatPercent(weights[key].weight)}</span>}
            </th>
          ))}
          <th scope="col">{placedOn ? 'Free GPUs then' : 'Free GPUs'}</th>
          <th scope="col">Power</th>
        </tr>
      </thead>
      <tbody aria-label="Candidates">
        <tr className="group-row">
          <th scope="rowgroup" colSpan={COLUMNS}>
            Candidates · {formatCount(candidates.length)} {candidates.length === 1 ? 'site' : 'sites'}
          </th>
        </tr>
        {candidates.length === 0 && (
          <tr>
            <td colSpan={COLUMNS} className="muted">
              No site can take this workload now: each site's reasons are below.
            </td>
          </tr>
        )}
        {candidates.map(({ siteId, site, candidate }) => (
          <tr key={siteId} id={planRowId(siteId)} tabIndex={-1} className={siteId === placedOn ? 'placed' : undefined}>
            <td>
              <span className={`rank-badge${candidate.rank === 1 ? ' first' : ''}`}>{candidate.rank}</span>
            </td>
            <th scope="row">
              {site.name} <span className="muted">{site.country}</span>
              {siteId === placedOn && <span className="placed-tag">placed here</span>}
            </th>
            <td className="score">{formatScore(candidate.score)}</td>
            {PARTS.map(([key]) => (
              <td key={key} title={candidate.parts[key].basis}>
                {key === 'latency' && candidate.rttMs === undefined ? (
                  // No latency objective: there is no round trip to show, only the reason (title).
                  <span className="muted">not scored</span>
                ) : (
                  <>
                    {formatPart(candidate.parts[key])} <span className="muted">{formatScore(candidate.parts[key].score)}</span>
                  </>
                )}
              </td>
            ))}
            <td>
              {formatCount(candidate.freeGpus)} {candidate.gpuModel}
            </td>
            <td>{formatKw(candidate.powerKw)}</td>
          </tr>
        ))}
      </tbody>
      <tbody aria-label="Rejected">
        <tr className="group-row">
          <th scope="rowgroup" colSpan={COLUMNS}>
            Rejected · {formatCount(rejected.length)} {rejected.length === 1 ? 'site' : 'sites'}
          </th>
        </tr>
        {rejected.map(({ siteId, site, reasons }) => (
          <tr key={siteId} id={planRowId(siteId)} tabIndex={-1} className="rejected">
            <td aria-label="not ranked">—</td>
            <th scope="row">
              {site.name} <span className="muted">{site.country}</span>
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

/** Every reason a site was rejected for: code, sentence, margin and rule. */
export function Reasons({ reasons }: { reasons: readonly RejectionReason[] }) {
  return (
    <ul className="reasons">
      {reasons.map((r, i) => (
        <li key={i}>
          <code className="reason-code">{r.code}</code> {r.message}
          {r.margin && <span className="margin"> · {formatMargin(r.margin)}</span>}
          {r.ruleId && <span className="muted"> · rule {r.ruleId}</span>}
        </li>
      ))}
    </ul>
  );
}
