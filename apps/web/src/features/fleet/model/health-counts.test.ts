import type { SiteHealth, SiteStatus } from '@corridor/shared';
import { describe, expect, it } from 'vitest';
import { countItems, healthCounts } from './health-counts.ts';

const site = (id: string, status: SiteStatus = 'operational') => ({ id, status });
const live = (siteId: string, health: SiteHealth['health'], declared: SiteHealth['declared'] = 'operational'): SiteHealth => ({ siteId, declared, health, since: 1 });

describe('header counts', () => {
  it('counts observed health among operational sites and declared statuses as today: "13 operational · 1 degraded · 1 down · 1 no data"', () => {
    const sites = [...Array.from({ length: 13 }, (_, i) => site(`ok-${i}`)), site('hot'), site('dark'), site('quiet'), site('window'), site('soon', 'planned'), site('crane', 'construction')];
    const health = Object.fromEntries(
      [...Array.from({ length: 13 }, (_, i) => live(`ok-${i}`, 'ok')), live('hot', 'degraded'), live('dark', 'down'), live('quiet', 'no-data'), live('window', 'ok', 'maintenance')].map((h) => [
        h.siteId,
        h,
      ]),
    );
    const items = countItems(healthCounts(sites, health));
    expect(items.map((i) => i.text).join(' · ')).toBe('13 operational · 1 degraded · 1 down · 1 no data · 1 maintenance · 1 under construction · 1 planned');
  });

  it('counts an operational site without any report as no data, and a window as maintenance, not operational', () => {
    const counts = healthCounts([site('a'), site('b'), site('c', 'maintenance')], { b: live('b', 'down', 'maintenance') });
    expect(counts.operational).toEqual({ ok: 0, degraded: 0, down: 0, 'no-data': 1 });
    expect(counts.declared).toMatchObject({ operational: 1, maintenance: 2 });
    expect(countItems(counts).map((i) => i.text)).toEqual(['0 operational', '1 no data', '2 maintenance']);
  });
});
