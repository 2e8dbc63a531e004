import type { Link, Site, SiteRow } from '@corridor/shared';
import { formatArea, formatCarbon, formatCount, formatDate, formatGpus, formatKm, formatKwPerGpu, formatMs, formatMw, formatPrice, formatPue } from '../../../lib/format.ts';
import { STATUS_STYLES } from '../../../lib/site-status.ts';
import { FactList } from '../../../components/fact-list.tsx';
import { controlLine, countryLabel, showsCommissioning, siteLinkRows } from '../model/site-detail.ts';

/** Source text with its web addresses as links (text nodes only: nothing from data is parsed as HTML). */
function SourceText({ text }: { text: string }) {
  return text.split(/(https?:\/\/[^\s)]+)/g).map((part, i) =>
    i % 2 === 1 ? (
      <a key={i} href={part} target="_blank" rel="noreferrer noopener">
        {part}
      </a>
    ) : (
      part
    ),
  );
}

/** What the list already knows of a site, shown while its details load or cannot be reached. */
export function RowFacts({ row }: { row: SiteRow }) {
  return (
    <FactList
      facts={[
        ['Operator', controlLine({ id: row.operatorId, name: row.operatorName, controlledBy: row.controlledBy })],
        ['Country', countryLabel(row.country)],
        ['IT capacity', formatMw(row.itCapacityMw)],
        ['Total GPUs', formatGpus(row.gpuCount)],
      ]}
    />
  );
}

/** The figures of a site, each with its unit, then its GPU clusters and its links. */
export function SiteFacts({ site, links, stale, onOpenLink }: { site: Site; links: readonly Link[]; stale: boolean; onOpenLink?: (linkId: string) => void }) {
  const linkRows = siteLinkRows(site.id, links);
  const facts: [string, string][] = [
    ['Operator', controlLine(site.operator)],
    ['Country', countryLabel(site.country)],
    ['City', site.city],
    ['Status', STATUS_STYLES[site.status].label],
    ['IT capacity', formatMw(site.itCapacityMw)],
    ['Design PUE', `${formatPue(site.designPue)} (facility ÷ IT power)`],
    ['Total GPUs', formatGpus(site.gpuCount)],
    ['On-site solar', formatMw(site.onSiteSolarMw)],
    ['Grid carbon', formatCarbon(site.gridCarbonGPerKwh)],
    ['Energy price', formatPrice(site.energyPriceUsdPerKwh)],
  ];
  if (site.commissioningDate && showsCommissioning(site.status)) facts.push(['Commissioning', formatDate(site.commissioningDate)]);
  if (site.floorAreaM2) facts.push(['Floor area', formatArea(site.floorAreaM2)]);

  return (
    <div className="site-facts">
      {stale && <p className="panel-state">Showing the last known figures.</p>}
      <FactList facts={facts} />

      <h3>GPUs by model</h3>
      {site.clusters.length === 0 ? (
        <p className="muted">No GPU cluster installed yet.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Cluster</th>
              <th scope="col">GPUs</th>
              <th scope="col">Power</th>
            </tr>
          </thead>
          <tbody>
            {site.clusters.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                <td>
                  {c.gpuModel} × {formatCount(c.gpuCount)}
                </td>
                <td>{formatKwPerGpu(c.kwPerGpu)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td colSpan={2}>{formatGpus(site.gpuCount)}</td>
            </tr>
          </tfoot>
        </table>
      )}

      <h3>Certifications</h3>
      {site.certifications.length === 0 ? (
        <p className="muted">None listed.</p>
      ) : (
        <ul className="chips">
          {site.certifications.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}

      <h3>Links</h3>
      {linkRows.length === 0 ? (
        <p className="muted">No link recorded.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">To</th>
              <th scope="col">Cable</th>
              <th scope="col">Length</th>
              <th scope="col">RTT</th>
            </tr>
          </thead>
          <tbody>
            {linkRows.map((l) => (
              <tr key={l.id}>
                <th scope="row">
                  {onOpenLink ? (
                    <button type="button" className="link-button" onClick={() => onOpenLink(l.id)} title={`The link to ${l.otherEnd}: live figures and history`}>
                      {l.otherEnd}
                    </button>
                  ) : (
                    l.otherEnd
                  )}{' '}
                  <span className="muted">{l.otherEndCountry}</span>
                </th>
                <td>
                  {l.cable} <span className="muted">{l.kind}</span>
                </td>
                <td>{formatKm(l.lengthKm)}</td>
                <td>
                  {formatMs(l.rttMs)} <span className="muted">{l.rttSource}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Source</h3>
      <p className="source">
        <SourceText text={site.source} />
      </p>
      {site.notes && <p className="muted">{site.notes}</p>}
    </div>
  );
}
