import type { Link } from '@corridor/shared';
import { describe, expect, it } from 'vitest';
import { linkRows, nextSort, sortLinkRows } from './link-rows.ts';

const end = (id: string, kind: 'site' | 'landing-station' = 'site') => ({ id, name: id, kind, country: 'MA' as const, lat: 0, lon: 0 });
const link = (id: string, rttMs: number, to = end('ls-x', 'landing-station')): Link => ({
  id,
  name: id,
  cable: 'Medusa',
  kind: 'submarine',
  from: end('ma-a'),
  to,
  lengthKm: 100,
  rttMs,
  rttSource: 'modelled',
  path: [],
  source: 'test',
});

describe('links list', () => {
  const links = [link('b-link', 10), link('a-link', 20), link('c-link', 5)];
  const readings = { 'b-link': { values: { link_rtt_seconds: 0.012, link_loss_ratio: 0.5 } }, 'a-link': { values: { link_rtt_seconds: 0.021, link_loss_ratio: 0 } } };

  it('lists every link, landing stations included, with live RTT in ms and loss as a ratio', () => {
    const rows = linkRows(links, readings);
    expect(rows.map((r) => [r.id, r.to, r.rttMs, r.lossRatio, r.condition])).toEqual([
      ['b-link', 'ls-x', 12, 0.5, 'cut'],
      ['a-link', 'ls-x', 21, 0, 'normal'],
      ['c-link', 'ls-x', undefined, undefined, 'unknown'],
    ]);
  });

  it('sorts by a reading either way, links without one last', () => {
    const rows = linkRows(links, readings);
    expect(sortLinkRows(rows, { key: 'rttMs', direction: 'desc' }).map((r) => r.id)).toEqual(['a-link', 'b-link', 'c-link']);
    expect(sortLinkRows(rows, { key: 'rttMs', direction: 'asc' }).map((r) => r.id)).toEqual(['b-link', 'a-link', 'c-link']);
    expect(sortLinkRows(rows, { key: 'condition', direction: 'desc' }).map((r) => r.id)).toEqual(['b-link', 'a-link', 'c-link']);
    expect(sortLinkRows(rows, { key: 'name', direction: 'asc' }).map((r) => r.id)).toEqual(['a-link', 'b-link', 'c-link']);
    expect(sortLinkRows(rows, { key: 'baseRttMs', direction: 'desc' }).map((r) => r.id)).toEqual(['a-link', 'b-link', 'c-link']);
  });

  it('flips the direction on the same column, starts worst first on a reading', () => {
    expect(nextSort({ key: 'name', direction: 'asc' }, 'name')).toEqual({ key: 'name', direction: 'desc' });
    expect(nextSort({ key: 'name', direction: 'asc' }, 'lossRatio')).toEqual({ key: 'lossRatio', direction: 'desc' });
    expect(nextSort({ key: 'lossRatio', direction: 'desc' }, 'cable')).toEqual({ key: 'cable', direction: 'asc' });
  });
});
