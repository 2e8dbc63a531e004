import { LinksPage } from '../features/links/components/links-page.tsx';
import { useLiveLinks } from '../features/live/api/live-selectors.ts';
import { translate } from '../lib/i18n/runtime.ts';
import type { InPlaceLink } from './in-place-link.ts';
import type { useFleetData } from './use-fleet-data.ts';

/** The links list with the live feed's readings: the feature draws, the console supplies the live state. */
export function LinksView({ fleet, linkTo }: { fleet: ReturnType<typeof useFleetData>; linkTo: (id: string) => InPlaceLink }) {
  const readings = useLiveLinks();
  return (
    <LinksPage
      links={fleet.links}
      loading={fleet.linksPending}
      error={fleet.linksUnavailable ? (fleet.errors.at(-1) ?? new Error(translate('common.unknownError'))) : null}
      onRetry={() => void fleet.retry()}
      readings={readings}
      linkTo={linkTo}
    />
  );
}
