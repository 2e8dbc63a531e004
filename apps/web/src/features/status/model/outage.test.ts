import type { ConsoleStatus } from '@corridor/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client.ts';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { describeOutage } from './outage.ts';

const status = (ok: boolean): ConsoleStatus => ({
  ok,
  checkedAt: '2026-01-01T00:00:00Z',
  upstreams: [{ name: 'control-plane', url: 'http://127.0.0.1:8081', ok, latencyMs: ok ? 3 : null, error: ok ? undefined : 'connect ECONNREFUSED' }],
});
const unavailable = new ApiError({ status: 503, code: 'UPSTREAM_UNAVAILABLE', message: 'down' });

describe('describeOutage', () => {
  it('is quiet when everything answers', () => {
    expect(describeOutage({ status: status(true), dataErrors: [], hasData: true })).toEqual({ kind: 'none' });
  });

  it('says the control plane is unreachable when the BFF reports it down', () => {
    const outage = describeOutage({ status: status(false), dataErrors: [], hasData: true });
    expect(outage).toEqual({
      kind: 'control-plane',
      message: 'Control plane unreachable — showing the last known data. Retrying…',
      detail: 'control-plane: connect ECONNREFUSED',
    });
  });

  it('trusts a 503 from a data query even before the next status poll', () => {
    expect(describeOutage({ status: status(true), dataErrors: [unavailable], hasData: false })).toMatchObject({
      kind: 'control-plane',
      message: 'Control plane unreachable — no data to show yet. Retrying…',
    });
  });

  it('tells apart a console server that does not answer at all', () => {
    const networkError = new ApiError({ status: 0, code: 'NETWORK_ERROR', message: 'offline' });
    expect(describeOutage({ statusError: networkError, dataErrors: [], hasData: true }).kind).toBe('console');
  });

  it('does not call a 404 an outage', () => {
    const notFound = new ApiError({ status: 404, code: 'NOT_FOUND', message: 'no such site' });
    expect(describeOutage({ status: status(true), dataErrors: [notFound], hasData: true })).toEqual({ kind: 'none' });
  });

  describe('in the user’s language', () => {
    afterEach(async () => {
      await activateLocale('en');
    });

    it('says it in French, the server’s own error kept as it came', async () => {
      await activateLocale('fr');
      expect(describeOutage({ status: status(false), dataErrors: [], hasData: false })).toEqual({
        kind: 'control-plane',
        message: 'Plan de contrôle injoignable — aucune donnée à afficher pour l’instant. Nouvelle tentative…',
        detail: 'control-plane : connect ECONNREFUSED',
      });
    });

    it('says it in Arabic', async () => {
      await activateLocale('ar');
      const networkError = new ApiError({ status: 0, code: 'NETWORK_ERROR', message: 'offline' });
      expect(describeOutage({ statusError: networkError, dataErrors: [], hasData: true })).toEqual({
        kind: 'console',
        message: 'تعذر الوصول إلى خادم وحدة التحكم — عرض آخر البيانات المعروفة. جارٍ إعادة المحاولة…',
      });
    });
  });
});
