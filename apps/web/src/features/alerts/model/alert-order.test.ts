import { describe, expect, it } from 'vitest';
import { buildAlert } from '../testing/build-alert.ts';
import { alertQueryString, matchesAlertFilter, sortAlerts, withStreamedAlert } from './alert-order.ts';

describe('the alerts list order', () => {
  it('puts firing above pending above resolved, the most severe first, then the oldest (the server’s order)', () => {
    const alerts = [
      buildAlert({ id: 'resolved-critical', state: 'resolved', severity: 'critical', resolvedAt: '2026-12-03T12:30:00Z' }),
      buildAlert({ id: 'pending-critical', state: 'pending', severity: 'critical' }),
      buildAlert({ id: 'firing-minor', severity: 'minor' }),
      buildAlert({ id: 'firing-critical-new', startsAt: '2026-12-03T12:20:00Z' }),
      buildAlert({ id: 'firing-major', severity: 'major' }),
      buildAlert({ id: 'firing-critical-old', startsAt: '2026-12-03T11:00:00Z' }),
    ];
    expect(sortAlerts(alerts).map((a) => a.id)).toEqual(['firing-critical-old', 'firing-critical-new', 'firing-major', 'firing-minor', 'pending-critical', 'resolved-critical']);
  });

  it('breaks a tie on the id, so two renders never shuffle rows', () => {
    const a = buildAlert({ id: 'b' });
    const b = buildAlert({ id: 'a' });
    expect(sortAlerts([a, b]).map((x) => x.id)).toEqual(['a', 'b']);
    expect(sortAlerts([b, a]).map((x) => x.id)).toEqual(['a', 'b']);
  });
});

describe('the alerts filter', () => {
  it('matches state, severity, site and link as the API does', () => {
    const alert = buildAlert({ siteId: undefined, linkId: 'medusa' });
    expect(matchesAlertFilter(alert, {})).toBe(true);
    expect(matchesAlertFilter(alert, { state: 'firing', severity: 'critical', link: 'medusa' })).toBe(true);
    expect(matchesAlertFilter(alert, { state: 'resolved' })).toBe(false);
    expect(matchesAlertFilter(alert, { severity: 'minor' })).toBe(false);
    expect(matchesAlertFilter(alert, { site: 'ma-benguerir-1' })).toBe(false);
    expect(matchesAlertFilter(alert, { link: 'other' })).toBe(false);
  });

  it('asks only for the filters set', () => {
    expect(alertQueryString({})).toBe('');
    expect(alertQueryString({ state: 'firing', site: undefined, link: 'a b' })).toBe('?state=firing&link=a+b');
  });
});

describe('a streamed alert', () => {
  const list = [buildAlert({ id: 'x', severity: 'major' })];

  it('is added in its place when the list’s filter takes it', () => {
    const next = withStreamedAlert(list, buildAlert({ id: 'y' }), { state: 'firing' });
    expect(next.map((a) => a.id)).toEqual(['y', 'x']);
  });

  it('replaces the alert it is a new state of', () => {
    const acked = buildAlert({ id: 'x', severity: 'major', acknowledgement: { by: 'operator', comment: 'on it', at: '2026-12-03T12:05:00Z' } });
    const next = withStreamedAlert(list, acked, {});
    expect(next).toHaveLength(1);
    expect(next[0]!.acknowledgement?.by).toBe('operator');
  });

  it('leaves a list it does not concern as it was (no re-render), and drops one that no longer matches', () => {
    expect(withStreamedAlert(list, buildAlert({ id: 'z', severity: 'minor' }), { severity: 'major' })).toBe(list);
    const resolved = buildAlert({ id: 'x', severity: 'major', state: 'resolved', resolvedAt: '2026-12-03T12:10:00Z' });
    expect(withStreamedAlert(list, resolved, { state: 'firing' })).toEqual([]);
    expect(withStreamedAlert(list, resolved, {}).map((a) => a.state)).toEqual(['resolved']);
  });
});
