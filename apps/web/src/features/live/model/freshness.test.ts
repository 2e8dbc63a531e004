import { afterEach, describe, expect, it } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { DEFAULT_TICK_MS, describeFreshness, estimateTickMs, msUntilStale, staleAfterMs, type LiveConnection } from './freshness.ts';

const open: LiveConnection = { stream: 'open', everOpened: true, openedAt: 0, lastTelemetryAt: 10_000, tickMs: 5000, upstreamDown: false };

describe('freshness', () => {
  it('calls data stale after more than three ticks of silence: 20 s at a 5 s tick', () => {
    expect(staleAfterMs(5000)).toBe(20_000);
    expect(describeFreshness(open, 30_000)).toEqual({ kind: 'live', message: 'Live' });
    expect(describeFreshness(open, 30_001)).toMatchObject({ kind: 'stale', reason: 'silence', message: expect.stringMatching(/^Live data stale — no telemetry since /) });
    expect(msUntilStale(open, 25_000)).toBe(5_001);
    expect(msUntilStale(open, 40_000)).toBe(0);
  });

  it('is stale while the stream is down, and says so before anything else', () => {
    expect(describeFreshness({ ...open, stream: 'connecting' }, 11_000)).toEqual({ kind: 'stale', reason: 'stream', message: 'Live data stale — stream disconnected' });
    expect(describeFreshness({ ...open, stream: 'closed', upstreamDown: true }, 11_000)).toMatchObject({ reason: 'stream' });
  });

  it('is stale when the BFF reports its control plane link down', () => {
    expect(describeFreshness({ ...open, upstreamDown: true }, 11_000)).toMatchObject({ kind: 'stale', reason: 'upstream', message: 'Live data stale — control plane unreachable' });
  });

  it('is connecting until the stream first opens, then counts silence from the opening', () => {
    const fresh: LiveConnection = { stream: 'connecting', everOpened: false, tickMs: DEFAULT_TICK_MS, upstreamDown: false };
    expect(describeFreshness(fresh, 0).kind).toBe('connecting');
    const opened = { ...fresh, stream: 'open' as const, everOpened: true, openedAt: 1000 };
    expect(describeFreshness(opened, 2000).kind).toBe('live');
    expect(describeFreshness(opened, 22_000)).toMatchObject({ kind: 'stale', message: 'Live data stale — no telemetry received' });
  });

  it('measures the tick from the frames, ignoring near-simultaneous frames of several control planes', () => {
    expect(estimateTickMs([])).toBe(DEFAULT_TICK_MS);
    expect(estimateTickMs([0, 1000, 2000, 2003, 3000, 4000])).toBe(1000);
    expect(estimateTickMs([0, 5000, 10_000, 30_000])).toBe(5000);
  });

  describe('in the language in force', () => {
    afterEach(() => activateLocale('en'));

    it('a freshness kept by the live client reads in the language chosen after it was made', async () => {
      const stale = describeFreshness({ ...open, stream: 'closed' }, 0);
      expect(stale.message).toBe('Live data stale — stream disconnected');
      await activateLocale('fr');
      expect(stale.message).toBe('Données en direct périmées — flux déconnecté');
      await activateLocale('ar');
      expect(describeFreshness(open, 30_000).message).toBe('مباشر');
    });
  });
});
