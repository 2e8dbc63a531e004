import { useQuery } from '@tanstack/react-query';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { capacityQueries } from '../api/capacity-queries.ts';
import { HeadroomTable } from './headroom-table.tsx';
import { QueryState } from './query-state.tsx';

/** Sovereign headroom read from the API, with its loading and error states. */
export function HeadroomSection({ onOpenPlacement }: { onOpenPlacement?: (search: string) => void }) {
  const t = useT();
  const query = useQuery(capacityQueries.headroom());
  return (
    <QueryState query={query} what={t('capacity.headroom.title')}>
      {query.data && <HeadroomTable headroom={query.data} onOpenPlacement={onOpenPlacement} />}
    </QueryState>
  );
}
