import type { ClassHeadroom, SovereignHeadroom } from '@corridor/shared';
import type { MouseEvent } from 'react';
import { countryName } from '../../../lib/countries.ts';
import { formatCount, formatGpus, formatMw } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useIsolate } from './isolate.ts';
import type { MessageKey } from '../../../lib/i18n/message-keys.ts';
import { placementPrefillSearch } from '../model/placement-prefill.ts';
import { CsvButton } from './csv-button.tsx';
import { TableWrap } from './table-wrap.tsx';

interface HeadroomTableProps {
  headroom: SovereignHeadroom;
  /** Follows a link inside the console (no reload); absent for a role that may not place. */
  onOpenPlacement?: (search: string) => void;
}

/** The class's request shape in words: "Government · State-sensitive · from Morocco". */
function ShapeText({ row }: { row: ClassHeadroom }) {
  const t = useT();
  const { sector, dataClass, dataOrigin } = row.class.shape;
  return (
    <span className="muted">
      {t('capacity.headroom.shape', {
        sector: t(`placement.sector.${sector}` as MessageKey),
        dataClass: t(`placement.dataClass.${dataClass}` as MessageKey),
        origin: countryName(dataOrigin),
      })}
    </span>
  );
}

/** "Can we serve 2,000 GPUs of this class today, and where?" in one sentence. */
function Answer({ row }: { row: ClassHeadroom }) {
  const t = useT();
  const iso = useIsolate();
  const a = row.answer;
  const asked = iso(a.model ? t('capacity.headroom.askedModel', { count: a.gpus, model: a.model }) : formatGpus(a.gpus));
  if (!a.yes) return <>{t('capacity.headroom.no', { asked, free: iso(formatGpus(a.lawfulFree)) })}</>;
  const at = new Intl.ListFormat(t.tag, { type: 'conjunction' }).format(
    a.at.map((s) => t('capacity.headroom.atSite', { site: iso(s.name), country: countryName(s.country), gpus: iso(formatCount(s.gpus)), model: s.model })),
  );
  return <>{t('capacity.headroom.yes', { asked, at, oneSite: a.oneSite.length })}</>;
}

/** Sovereign headroom: one line per regulated class of the policy pack, lawful, committed, free and pipeline, and the answer to the day's question. */
export function HeadroomTable({ headroom, onOpenPlacement }: HeadroomTableProps) {
  const t = useT();
  const open = (search: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (!onOpenPlacement || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onOpenPlacement(search);
  };
  const figures = ['lawful', 'committed', 'free', 'pipeline'] as const;
  return (
    <section className="capacity-section" aria-labelledby="capacity-headroom-title">
      <h3 id="capacity-headroom-title">{t('capacity.headroom.title')}</h3>
      <p className="muted">{t('capacity.headroom.intro')}</p>
      <div className="capacity-controls">
        <CsvButton what={t('capacity.headroom.title')} fileName="sovereign-headroom.csv" path="/api/capacity/headroom" />
      </div>
      {headroom.classes.length === 0 ? (
        <p className="muted">{t('capacity.headroom.empty')}</p>
      ) : (
        <TableWrap>
          <table className="data-table capacity-headroom">
            <caption>{t('capacity.headroom.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('capacity.headroom.class')}</th>
                {figures.map((f) => (
                  <th key={f} scope="col" className="num" aria-describedby={`capacity-sov-${f}`}>
                    {t(`capacity.headroom.${f}` as MessageKey)}
                    <span className="capacity-units">{t('capacity.table.units')}</span>
                  </th>
                ))}
                <th scope="col">{t('capacity.headroom.answer')}</th>
              </tr>
            </thead>
            <tbody>
              {headroom.classes.map((row) => {
                const search = placementPrefillSearch(row.answer.prefill);
                return (
                  <tr key={row.class.id}>
                    <th scope="row">
                      <span lang="en">{row.class.title}</span>
                      <ShapeText row={row} />
                    </th>
                    {figures.map((f) => (
                      <td key={f} className="num capacity-figure">
                        <bdi className="mw">{formatMw(row.mw[f])}</bdi>
                        <bdi className="gpus">{formatGpus(row.gpus[f])}</bdi>
                        {f === 'pipeline' && row.pipelineByQuarter.length > 0 && (
                          <ul className="capacity-pipeline">
                            {row.pipelineByQuarter.map((q) => (
                              <li key={q.quarter}>
                                <bdi>{t('capacity.headroom.quarter', { quarter: q.quarter, undated: q.quarter === 'undated' ? 'yes' : 'no', gpus: formatGpus(q.gpus), mw: formatMw(q.mw) })}</bdi>
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    ))}
                    <td>
                      <p className={row.answer.yes ? 'capacity-yes' : 'capacity-no'}>
                        <Answer row={row} />
                      </p>
                      {onOpenPlacement && (
                        <a href={search} onClick={open(search)}>
                          {t('capacity.headroom.openPlacement', { title: row.class.title })}
                        </a>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      <details className="capacity-help">
        <summary>{t('capacity.headroom.help')}</summary>
        <dl>
          {(['demandClass', ...figures] as const).map((f) => (
            <div key={f}>
              <dt>{t(`capacity.headroom.${f}` as MessageKey)}</dt>
              <dd id={`capacity-sov-${f}`}>{t(`capacity.headroom.${f}.definition` as MessageKey)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}
