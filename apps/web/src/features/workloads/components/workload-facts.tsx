import './workloads.css';
import type { Workload } from '@corridor/shared';
import type { AnchorHTMLAttributes, ReactNode } from 'react';
import { FactList } from '../../../components/fact-list.tsx';
import { countryName } from '../../../lib/countries.ts';
import { formatCount, formatDateTime, formatKw, formatMs } from '../../../lib/format.ts';

interface WorkloadFactsProps {
  workload: Workload;
  siteName: (id: string) => string;
  /** The site on the map. */
  siteLink: (id: string) => AnchorHTMLAttributes<HTMLAnchorElement>;
}

/** A workload's figures, each with its unit: where it runs, what it holds, what it was asked for. */
export function WorkloadFacts({ workload: w, siteName, siteLink }: WorkloadFactsProps) {
  const latency = w.request.latency;
  const facts: [string, ReactNode][] = [
    ['Site', w.siteId ? <a {...siteLink(w.siteId)}>{siteName(w.siteId)}</a> : 'None'],
    ['GPUs', `${formatCount(w.gpuCount)} ${w.gpuModel ?? 'GPUs'}`],
    ['Power reserved', formatKw(w.powerKw)],
    ['Tenant', w.tenant],
    ['Kind', w.kind],
    ['Sector', w.sector],
    ['Data class', w.dataClass],
    ['Data origin', `${countryName(w.dataOrigin)} (${w.dataOrigin})`],
    ['Latency objective', latency ? `≤ ${formatMs(latency.maxRttMs)} from ${typeof latency.from === 'string' ? latency.from : `${latency.from.lat}, ${latency.from.lon}`}` : 'None'],
    ['Conditions affirmed', w.request.conditions.length > 0 ? w.request.conditions.join(', ') : 'None'],
    ['Created', formatDateTime(w.createdAt)],
    ['Updated', formatDateTime(w.updatedAt)],
  ];
  if (w.releasedAt) facts.push(['Released', formatDateTime(w.releasedAt)]);
  return <FactList facts={facts} className="workload-facts" />;
}
