import { afterEach, describe, expect, it } from 'vitest';
import { buildFleetFile } from '@corridor/shared/testing';
import { CSRF_HEADER } from '../src/middleware/csrf.ts';
import { realControlPlane, startBff } from './harness.ts';
import { eventually, openBrowser } from './stream-helpers.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('an open live stream follows its sign-in', () => {
  it('is closed once the person signs out, and a signed-in one stays open', async () => {
    const { cp, cleanup } = await realControlPlane(buildFleetFile());
    cleanups.push(cleanup, () => cp.close());
    const bff = await startBff([cp.url], { streamRecheckMs: 100 });
    cleanups.push(() => bff.close());

    const leaving = await bff.as('executive');
    const staying = await bff.as('admin');
    const left = await openBrowser({ url: bff.url, cookie: leaving.cookie });
    const stays = await openBrowser({ url: bff.url, cookie: staying.cookie });
    cleanups.push(
      () => left.close(),
      () => stays.close(),
    );
    expect(left.headers.get('content-type')).toMatch(/text\/event-stream/);

    const out = await leaving.fetch('/api/session', { method: 'DELETE', headers: { [CSRF_HEADER]: '1' } });
    expect(out.status).toBe(204);
    await eventually(() => expect(left.ended).toBe(true));
    expect(stays.ended).toBe(false);
    // Reconnecting with the ended session meets the 401 the console sends to its login page.
    expect((await leaving.fetch('/api/stream')).status).toBe(401);
  });
});
