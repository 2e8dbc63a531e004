import type { TimelineEvent } from '@corridor/shared';
import { describe, expect, it } from 'vitest';
import { movesOf } from './workload-moves.ts';

const event = (id: number, kind: TimelineEvent['kind'], detail: Record<string, unknown> = {}, summary = `event ${id}`): TimelineEvent => ({
  id,
  at: `2026-12-03T12:00:${String(id).padStart(2, '0')}.000Z`,
  kind,
  workloadId: 'wl-1',
  siteId: 'ma-benguerir-1',
  summary,
  detail,
});

describe('a workload’s moves', () => {
  it('lists moves newest first with state, from → to and why', () => {
    const moves = movesOf([
      event(1, 'commit'),
      event(3, 'migration', { from: 'ma-benguerir-1', to: 'ma-casa-2', state: 'running', reason: 'site in maintenance' }),
      event(2, 'migration', { fromSiteId: 'ma-benguerir-1', toSiteId: 'ma-casa-2', state: 'migrating' }, 'moving: drain of Benguerir 1'),
      event(4, 'alert'),
    ]);
    expect(moves.map((m) => [m.id, m.state, m.from, m.to, m.why])).toEqual([
      [3, 'running', 'ma-benguerir-1', 'ma-casa-2', 'site in maintenance'],
      [2, 'migrating', 'ma-benguerir-1', 'ma-casa-2', 'moving: drain of Benguerir 1'],
      [1, undefined, undefined, 'ma-benguerir-1', 'event 1'],
    ]);
  });
});
