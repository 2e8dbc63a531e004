import { describe, expect, it } from 'vitest';
import { buildAlert } from '../testing/build-alert.ts';
import { countFiring, firingBySite, firingCriticalIds, newCriticalIds, tabTitle } from './alert-counts.ts';

const ack = { by: 'operator', comment: 'on it', at: '2026-12-03T12:05:00Z' };

describe('the header badge’s counts', () => {
  const alerts = [
    buildAlert({ id: 'a', severity: 'critical' }),
    buildAlert({ id: 'b', severity: 'critical', acknowledgement: ack }),
    buildAlert({ id: 'c', severity: 'minor', siteId: 'ma-benguerir-1', linkId: undefined }),
    buildAlert({ id: 'd', severity: 'major', state: 'pending' }),
    buildAlert({ id: 'e', severity: 'critical', state: 'resolved' }),
  ];

  it('count firing alerts only, by severity, and those nobody acknowledged', () => {
    expect(countFiring(alerts)).toEqual({ firing: 3, bySeverity: { critical: 2, major: 0, minor: 1, info: 0 }, unacknowledged: 2, worst: 'critical' });
    expect(countFiring([])).toEqual({ firing: 0, bySeverity: { critical: 0, major: 0, minor: 0, info: 0 }, unacknowledged: 0, worst: undefined });
  });

  it('put the unacknowledged count in the tab title, and nothing when there is none', () => {
    expect(tabTitle(countFiring(alerts), 'Corridor')).toBe('(2) Corridor');
    expect(tabTitle(countFiring([alerts[1]!]), 'Corridor')).toBe('Corridor');
  });

  it('give the map the firing alerts per site', () => {
    expect(firingBySite([...alerts, buildAlert({ id: 'f', siteId: 'ma-benguerir-1', linkId: undefined })])).toEqual({ 'ma-benguerir-1': 2 });
  });
});

describe('new criticals (the sound)', () => {
  it('are none on the first list, then only the criticals that fire and were not seen', () => {
    const first = [buildAlert({ id: 'old' })];
    expect(newCriticalIds(undefined, first)).toEqual([]);
    const seen = firingCriticalIds(first);
    const next = [buildAlert({ id: 'old' }), buildAlert({ id: 'new' }), buildAlert({ id: 'new-major', severity: 'major' }), buildAlert({ id: 'pending', state: 'pending' })];
    expect(newCriticalIds(seen, next)).toEqual(['new']);
  });
});
