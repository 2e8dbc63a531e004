import { DrainProgress } from '../features/maintenance/components/drain-progress.tsx';
import { DrainReview } from '../features/maintenance/components/drain-review.tsx';
import { viewDeniedReason } from '../features/session/model/abilities.ts';
import { useT } from '../lib/i18n/i18n.tsx';
import { translate } from '../lib/i18n/runtime.ts';
import type { ViewContext } from './view-context.ts';

/** ?view=drain: the review of a dry run for ?site=, or once executed the progress of ?drain=. */
export function DrainView({ url, setUrl, link, siteName, abilities, principal }: ViewContext) {
  const t = useT();
  if (url.drain) {
    return (
      <DrainProgress
        key={url.drain}
        drainId={url.drain}
        siteName={siteName}
        siteLink={(site) => link({ view: undefined, drain: undefined, site })}
        workloadLink={(workload) => link({ workload })}
        timelineLink={(site) => link({ view: 'timeline', drain: undefined, site: undefined, eventKind: undefined, eventSite: site, eventLink: undefined, eventFrom: undefined, eventTo: undefined })}
      />
    );
  }
  if (!url.site) {
    return (
      <main className="page">
        <h2>{t('app.drain.title')}</h2>
        <p>{t.rich('app.drain.choose', { a: (chunks) => <a {...link({ view: undefined })}>{chunks}</a> })}</p>
      </main>
    );
  }
  if (!abilities.canOperateNoc) {
    return (
      <main className="page">
        <h2>{t('app.drain.title')}</h2>
        <p>{viewDeniedReason(principal, translate('app.what.drain'), 'noc:operate')}</p>
      </main>
    );
  }
  return <DrainReview key={url.site} siteId={url.site} siteName={siteName} backLink={link({ view: undefined })} onExecuted={(drain) => setUrl({ drain })} />;
}
