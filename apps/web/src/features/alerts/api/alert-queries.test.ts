import type { AlertList } from '@corridor/shared';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { buildAlert } from '../testing/build-alert.ts';
import { alertQueries, applyStreamedAlert, FIRING } from './alert-queries.ts';

function cacheWith(lists: [Parameters<typeof alertQueries.list>[0], AlertList][]): QueryClient {
  const client = new QueryClient();
  for (const [filter, data] of lists) client.setQueryData(alertQueries.list(filter).queryKey, data);
  return client;
}
const read = (client: QueryClient, filter: Parameters<typeof alertQueries.list>[0]) => client.getQueryData(alertQueries.list(filter).queryKey)?.alerts.map((a) => `${a.id}:${a.state}`);

describe('alert events from the stream, in the query cache', () => {
  it('reach every loaded list they match: the badge’s firing list and the view’s filtered one', () => {
    const client = cacheWith([
      [FIRING, { alerts: [] }],
      [{ severity: 'critical' }, { alerts: [] }],
      [{ site: 'ma-benguerir-1' }, { alerts: [] }],
    ]);
    applyStreamedAlert(client, buildAlert({ id: 'cut' }));
    expect(read(client, FIRING)).toEqual(['cut:firing']);
    expect(read(client, { severity: 'critical' })).toEqual(['cut:firing']);
    expect(read(client, { site: 'ma-benguerir-1' })).toEqual([]);
  });

  it('resolve an alert: gone from the firing list, shown resolved in the unfiltered one', () => {
    const firing = buildAlert({ id: 'cut' });
    const client = cacheWith([
      [FIRING, { alerts: [firing] }],
      [{}, { alerts: [firing] }],
    ]);
    applyStreamedAlert(client, buildAlert({ id: 'cut', state: 'resolved', resolvedAt: '2026-12-03T12:10:00Z' }));
    expect(read(client, FIRING)).toEqual([]);
    expect(read(client, {})).toEqual(['cut:resolved']);
  });

  it('share one cache entry for a filter whatever its unset keys', () => {
    expect(alertQueries.list({ state: 'firing', site: undefined }).queryKey).toEqual(alertQueries.list(FIRING).queryKey);
  });

  it('create no list that was never loaded', () => {
    const client = new QueryClient();
    applyStreamedAlert(client, buildAlert());
    expect(client.getQueryCache().getAll()).toHaveLength(0);
  });
});
