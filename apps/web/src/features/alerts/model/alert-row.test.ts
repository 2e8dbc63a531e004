import { describe, expect, it } from 'vitest';
import { buildAlert } from '../testing/build-alert.ts';
import { alertRowView, describeNotification, formatAlertValue } from './alert-row.ts';

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const names = { siteName: (id: string) => `site ${id}`, linkName: (id: string) => `link ${id}` };
const now = Date.parse('2026-12-03T12:03:00Z');

describe('an alert row', () => {
  it('writes the value in the rule’s unit, rounded as a person reads it', () => {
    expect(formatAlertValue(87.234, '°C')).toBe('87.2 °C');
    expect(formatAlertValue(100, '%')).toBe('100 %');
    expect(formatAlertValue(1.8234, '')).toBe('1.82');
    expect(formatAlertValue(1234.6, 'ms')).toBe('1,235 ms');
    expect(formatAlertValue(null, '°C')).toBeUndefined();
  });

  it('names the place, the age, who acknowledged it with their comment and ETA, and its marks', () => {
    const row = alertRowView(
      buildAlert({
        acknowledgement: { by: 'operator', comment: 'Repair ship called', at: '2026-12-03T12:01:00Z', eta: '2026-12-03T13:00:00Z' },
        silencedBy: ['si-1'],
        inMaintenance: true,
      }),
      now,
      names,
      clock,
    );
    expect(row).toMatchObject({
      place: 'link medusa-nador-marseille',
      placeKind: 'link',
      age: 'firing for 3 min',
      value: '100 %',
      acknowledgedBy: 'operator',
      acknowledgement: 'Acknowledged by operator at 12:01: Repair ship called · ETA 13:00 (in 57 min)',
      marks: ['Silenced', 'In maintenance'],
    });
  });

  it('marks an alert escalated while nobody acknowledges it', () => {
    expect(alertRowView(buildAlert({ escalatedAt: '2026-12-03T12:02:00Z' }), now, names, clock).marks).toEqual(['Escalated at 12:02']);
  });

  it('says where its notification stands', () => {
    expect(describeNotification({ state: 'delivered', last: 'firing', attempts: 1, deliveredAt: '2026-12-03T12:00:05Z' }, clock)).toBe('Notified (firing) at 12:00');
    expect(describeNotification({ state: 'failed', last: 'resolved', attempts: 5, error: 'HTTP 503' }, clock)).toBe('Notification failed (resolved) after 5 attempts: HTTP 503');
    expect(describeNotification({ state: 'suppressed', attempts: 0 }, clock)).toBe('Not notified: silenced or in maintenance');
    expect(describeNotification({ state: 'pending', last: 'firing', attempts: 2 }, clock)).toBe('Sending (firing): 2 attempts so far');
  });
});
