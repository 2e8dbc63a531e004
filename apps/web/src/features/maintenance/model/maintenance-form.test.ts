import { describe, expect, it } from 'vitest';
import { initialValues, requestOf, serverFieldErrors } from './maintenance-form.ts';

const site = { siteId: 'ma-benguerir-1' };

describe('schedule maintenance form', () => {
  it('starts now, to the minute, for two hours', () => {
    const v = initialValues(Date.parse('2026-12-03T12:34:56Z'));
    expect(Date.parse(`${v.endsAt}:00`) - Date.parse(`${v.startsAt}:00`)).toBe(2 * 3600_000);
    expect(v).toMatchObject({ weekly: false, reason: '' });
  });

  it('builds the request with ISO instants and the weekly recurrence', () => {
    const { request, errors } = requestOf({ startsAt: '2026-12-03T14:00', endsAt: '2026-12-03T16:00', weekly: true, reason: ' cooling loop ' }, site);
    expect(errors).toEqual({});
    expect(request).toMatchObject({ siteId: 'ma-benguerir-1', recurrence: 'weekly', reason: 'cooling loop' });
    expect(Date.parse(request!.endsAt) - Date.parse(request!.startsAt)).toBe(2 * 3600_000);
  });

  it('names every bad field, sending nothing', () => {
    expect(requestOf({ startsAt: '', endsAt: '2026-12-03T16:00', weekly: false, reason: '' }, site)).toEqual({ errors: { startsAt: 'must be a date and time', reason: 'must say why' } });
    expect(requestOf({ startsAt: '2026-12-03T16:00', endsAt: '2026-12-03T15:00', weekly: false, reason: 'x' }, site)).toEqual({ errors: { endsAt: 'must be after the start' } });
    expect(requestOf({ startsAt: '2026-12-03T14:00', endsAt: '2026-12-03T15:00', weekly: false, reason: 'x'.repeat(501) }, site).errors.reason).toBe('must be at most 500 characters');
  });

  it('puts the server’s 400 on the fields it names', () => {
    expect(
      serverFieldErrors([
        { field: 'body.startsAt', message: 'must not be in the past' },
        { field: 'siteId', message: 'no such site' },
      ]),
    ).toEqual({ startsAt: 'must not be in the past', form: 'siteId: no such site' });
  });
});
