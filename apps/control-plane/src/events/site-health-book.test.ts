import type { SiteHealth } from '@corridor/shared';
import { describe, expect, it } from 'vitest';
import { SiteHealthBook } from './site-health-book.ts';

function book() {
  const events: SiteHealth[] = [];
  const health = new SiteHealthBook((h) => events.push(h));
  const last = () => events.at(-1)!;
  return { health, events, last };
}

/** A site reporting every second from t = 0 to `untilMs` (sample time = arrival time). */
function reportEverySecond(health: SiteHealthBook, siteId: string, untilMs: number, availability = 1) {
  for (let t = 0; t <= untilMs; t += 1000) health.reported(siteId, t, t, availability);
}

describe('SiteHealthBook: declared status and observed health', () => {
  it('declares from the fleet: built sites start as no data until a frame arrives, planned ones have nothing to observe', () => {
    const { health, last } = book();
    health.declare(
      [
        { id: 'rabat', status: 'operational' },
        { id: 'dakhla', status: 'planned' },
      ],
      0,
    );
    expect(health.get('rabat')).toMatchObject({ declared: 'operational', health: 'no-data', reason: 'no telemetry received yet' });
    expect(health.get('dakhla')).toMatchObject({ declared: 'planned', health: 'no-data' });
    health.reported('rabat', 1000, 1000, 1);
    expect(last()).toMatchObject({ siteId: 'rabat', declared: 'operational', health: 'ok', since: 1000 });
  });

  it('a site whose frames stop is no data after 2.5 of its intervals, never down; its next frame brings it back', () => {
    const { health, events } = book();
    health.declare([{ id: 'rabat', status: 'operational' }], 0);
    reportEverySecond(health, 'rabat', 10_000);
    expect(health.get('rabat')!.health).toBe('ok');
    health.checkSilence(12_000); // two missed frames: still ok
    expect(health.get('rabat')!.health).toBe('ok');
    health.checkSilence(12_600); // 2.6 intervals since the last frame
    expect(health.get('rabat')).toMatchObject({ health: 'no-data', reason: 'no telemetry for 3 intervals (every 1 s)' });
    expect(events.some((e) => e.health === 'down')).toBe(false);
    const count = events.length;
    health.checkSilence(60_000); // no repeat
    expect(events).toHaveLength(count);
    health.reported('rabat', 61_000, 61_000, 1);
    expect(health.get('rabat')!.health).toBe('ok');
  });

  it('reads the interval from arrivals too: a source that posts 10 one-second samples every 10 s is not silent between posts', () => {
    const { health } = book();
    health.reported('rabat', 9_000, 10_000, 1);
    health.reported('rabat', 19_000, 20_000, 1);
    health.checkSilence(29_900);
    expect(health.get('rabat')!.health).toBe('ok');
    health.checkSilence(45_100);
    expect(health.get('rabat')!.health).toBe('no-data');
  });

  it('down needs evidence: availability 0 reported, a fault, or an operator; silence does not undo it', () => {
    const { health } = book();
    health.reported('rabat', 1000, 1000, 1);
    health.reported('rabat', 2000, 2000, 0);
    expect(health.get('rabat')).toMatchObject({ health: 'down', reason: 'availability 0 reported' });
    health.checkSilence(60_000);
    expect(health.get('rabat')!.health).toBe('down');
    health.reported('rabat', 61_000, 61_000, 1);
    expect(health.get('rabat')!.health).toBe('ok');

    health.observe('rabat', 'down', 'site down (injected fault)', 62_000);
    health.reported('rabat', 62_000, 62_000, 1); // availability above 0 does not clear a fault's down
    expect(health.get('rabat')).toMatchObject({ health: 'down', reason: 'site down (injected fault)' });
    health.observe('rabat', 'ok', undefined, 63_000);

    health.confirmDown('rabat', 'Nadia Operator', 64_000);
    expect(health.get('rabat')).toMatchObject({ health: 'down', reason: 'confirmed down by Nadia Operator' });
    health.confirmDown('rabat', undefined, 65_000);
    expect(health.get('rabat')!.health).toBe('ok');
  });

  it('a maintenance window declares the site in maintenance until its end, its health still observed', () => {
    const { health, last } = book();
    health.declare([{ id: 'rabat', status: 'operational' }], 0);
    health.reported('rabat', 1000, 1000, 1);
    health.maintenance('rabat', '2026-12-03T14:00:00.000Z', 2000);
    expect(last()).toMatchObject({ declared: 'maintenance', health: 'ok', maintenanceUntil: '2026-12-03T14:00:00.000Z', since: 2000 });
    health.observe('rabat', 'degraded', 'cooling failure (injected fault)', 3000);
    expect(last()).toMatchObject({ declared: 'maintenance', health: 'degraded' });
    health.maintenance('rabat', undefined, 4000);
    expect(last()).toMatchObject({ declared: 'operational', health: 'degraded' });
    expect(last().maintenanceUntil).toBeUndefined();
  });

  it('a repeat is not an event', () => {
    const { health, events } = book();
    health.observe('rabat', 'degraded', 'cooling', 1000);
    health.observe('rabat', 'degraded', 'cooling', 2000);
    health.declare([{ id: 'rabat', status: 'operational' }], 3000);
    expect(events.filter((e) => e.siteId === 'rabat').map((e) => e.health)).toEqual(['no-data']);
  });
});
