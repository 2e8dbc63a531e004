import './workloads.css';
import type { Workload } from '@corridor/shared';
import type { AnchorHTMLAttributes, ReactNode } from 'react';
import { FactList } from '../../../components/fact-list.tsx';
import { countryName } from '../../../lib/countries.ts';
import { formatDateTime, formatKw, formatMs } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { viewerZone } from '../../../lib/local-time.ts';
import { gpusText } from '../model/audit-summary.ts';
import { dataClassLabel, kindLabel, sectorLabel } from '../model/request-labels.ts';

interface WorkloadFactsProps {
  workload: Workload;
  siteName: (id: string) => string;
  /** The site on the map. */
  siteLink: (id: string) => AnchorHTMLAttributes<HTMLAnchorElement>;
  /** The policy's label of each condition (by id), once the policy is read: a condition is named by it, its code after it. */
  conditionLabels?: ReadonlyMap<string, string>;
}

/** A workload's figures, each with its unit: where it runs, what it holds, what it was asked for. Times say their zone. */
export function WorkloadFacts({ workload: w, siteName, siteLink, conditionLabels }: WorkloadFactsProps) {
  const t = useT();
  const zone = viewerZone();
  const latency = w.request.latency;
  const none = t('workloads.facts.none');
  // Coordinates are written as the request gave them (decimal point, in every language), like an identifier.
  const latencyFrom = latency && (typeof latency.from === 'string' ? latency.from : t('workloads.facts.coordinates', { lat: String(latency.from.lat), lon: String(latency.from.lon) }));
  const facts: [string, ReactNode][] = [
    [
      t('workloads.facts.site'),
      w.siteId ? (
        <a {...siteLink(w.siteId)}>
          <bdi>{siteName(w.siteId)}</bdi>
        </a>
      ) : (
        none
      ),
    ],
    [t('workloads.facts.gpus'), gpusText(w.gpuCount, w.gpuModel)],
    [t('workloads.facts.power'), formatKw(w.powerKw)],
    [t('workloads.facts.tenant'), <bdi key="tenant">{w.tenant}</bdi>],
    [t('workloads.facts.kind'), kindLabel(w.kind)],
    [t('workloads.facts.sector'), sectorLabel(w.sector)],
    [t('workloads.facts.dataClass'), dataClassLabel(w.dataClass)],
    [t('workloads.facts.dataOrigin'), t('workloads.facts.country', { name: countryName(w.dataOrigin), code: w.dataOrigin })],
    [t('workloads.facts.latency'), latency && latencyFrom ? t('workloads.facts.latencyValue', { rtt: formatMs(latency.maxRttMs), from: latencyFrom }) : none],
    [
      t('workloads.facts.conditions'),
      w.request.conditions.length > 0 ? (
        <ul className="affirmed-conditions">
          {w.request.conditions.map((id) => {
            const label = conditionLabels?.get(id);
            return <li key={id}>{label ? t.rich('workloads.facts.condition', { label, code: id, small: (chunks) => <code className="condition-code">{chunks}</code> }) : <code>{id}</code>}</li>;
          })}
        </ul>
      ) : (
        none
      ),
    ],
    [t('workloads.facts.created', { zone }), formatDateTime(w.createdAt)],
    [t('workloads.facts.updated', { zone }), formatDateTime(w.updatedAt)],
  ];
  if (w.releasedAt) facts.push([t('workloads.facts.released', { zone }), formatDateTime(w.releasedAt)]);
  return <FactList facts={facts} className="workload-facts" />;
}
