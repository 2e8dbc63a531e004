import type { Link, Site, SiteRow } from '@corridor/shared';
import { formatArea, formatCarbon, formatCount, formatDate, formatGpus, formatKm, formatKwPerGpu, formatMs, formatMw, formatPrice, formatPue } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
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
  const t = useT();
  return (
    <FactList
      facts={[
        [t('sites.fact.operator'), controlLine({ id: row.operatorId, name: row.operatorName, controlledBy: row.controlledBy })],
        [t('sites.fact.country'), countryLabel(row.country)],
        [t('sites.fact.itCapacity'), formatMw(row.itCapacityMw)],
        [t('sites.fact.totalGpus'), formatGpus(row.gpuCount)],
      ]}
    />
  );
}

/** The figures of a site, each with its unit, then its GPU clusters and its links. */
export function SiteFacts({ site, links, stale, onOpenLink }: { site: Site; links: readonly Link[]; stale: boolean; onOpenLink?: (linkId: string) => void }) {
  const t = useT();
  const linkRows = siteLinkRows(site.id, links);
  const facts: [string, string][] = [
    [t('sites.fact.operator'), controlLine(site.operator)],
    [t('sites.fact.country'), countryLabel(site.country)],
    [t('sites.fact.city'), site.city],
    [t('sites.fact.status'), STATUS_STYLES[site.status].label],
    [t('sites.fact.itCapacity'), formatMw(site.itCapacityMw)],
    [t('sites.fact.designPue'), t('sites.fact.designPueValue', { pue: formatPue(site.designPue) })],
    [t('sites.fact.totalGpus'), formatGpus(site.gpuCount)],
    [t('sites.fact.solar'), formatMw(site.onSiteSolarMw)],
    [t('sites.fact.gridCarbon'), formatCarbon(site.gridCarbonGPerKwh)],
    [t('sites.fact.energyPrice'), formatPrice(site.energyPriceUsdPerKwh)],
  ];
  if (site.commissioningDate && showsCommissioning(site.status)) facts.push([t('sites.fact.commissioning'), formatDate(site.commissioningDate)]);
  if (site.floorAreaM2) facts.push([t('sites.fact.floorArea'), formatArea(site.floorAreaM2)]);

  return (
    <div className="site-facts">
      {stale && <p className="panel-state">{t('sites.facts.stale')}</p>}
      <FactList facts={facts} />

      <h3 id={`site-${site.id}-gpus`}>{t('sites.gpus.title')}</h3>
      {site.clusters.length === 0 ? (
        <p className="muted">{t('sites.gpus.none')}</p>
      ) : (
        <table className="data-table" aria-labelledby={`site-${site.id}-gpus`}>
          <thead>
            <tr>
              <th scope="col">{t('sites.gpus.cluster')}</th>
              <th scope="col">{t('sites.gpus.gpus')}</th>
              <th scope="col">{t('sites.gpus.power')}</th>
            </tr>
          </thead>
          <tbody>
            {site.clusters.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                <td>
                  <bdi>{t('sites.gpus.modelCount', { model: c.gpuModel, count: formatCount(c.gpuCount) })}</bdi>
                </td>
                <td>
                  <bdi>{formatKwPerGpu(c.kwPerGpu)}</bdi>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('sites.gpus.total')}</th>
              <td colSpan={2}>{formatGpus(site.gpuCount)}</td>
            </tr>
          </tfoot>
        </table>
      )}

      <h3>{t('sites.certs.title')}</h3>
      {site.certifications.length === 0 ? (
        <p className="muted">{t('sites.certs.none')}</p>
      ) : (
        <ul className="chips">
          {site.certifications.map((c) => (
            <li key={c}>
              <bdi>{c}</bdi>
            </li>
          ))}
        </ul>
      )}

      <h3 id={`site-${site.id}-links`}>{t('sites.links.title')}</h3>
      {linkRows.length === 0 ? (
        <p className="muted">{t('sites.links.none')}</p>
      ) : (
        <table className="data-table" aria-labelledby={`site-${site.id}-links`}>
          <thead>
            <tr>
              <th scope="col">{t('sites.links.to')}</th>
              <th scope="col">{t('sites.links.cable')}</th>
              <th scope="col">{t('sites.links.length')}</th>
              <th scope="col">{t('sites.links.rtt')}</th>
            </tr>
          </thead>
          <tbody>
            {linkRows.map((l) => (
              <tr key={l.id}>
                <th scope="row">
                  {onOpenLink ? (
                    <button type="button" className="link-button" onClick={() => onOpenLink(l.id)} title={t('sites.links.open', { name: l.otherEnd })}>
                      {l.otherEnd}
                    </button>
                  ) : (
                    l.otherEnd
                  )}
                  <span className="muted link-far-country">{l.otherEndCountry}</span>
                </th>
                <td>
                  {l.cable} <span className="muted">{t('sites.links.kind', { kind: l.kind })}</span>
                </td>
                <td>
                  <bdi>{formatKm(l.lengthKm)}</bdi>
                </td>
                <td>
                  <bdi>{formatMs(l.rttMs)}</bdi> <span className="muted">{t('sites.links.rttSource', { source: l.rttSource })}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>{t('sites.source.title')}</h3>
      <p className="source">
        <SourceText text={site.source} />
      </p>
      {site.notes && <p className="muted">{site.notes}</p>}
    </div>
  );
}
