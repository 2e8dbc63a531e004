import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { postOnce } from './webhook-delivery.ts';

it('ends a try at its deadline even when garbage collections run meanwhile (a composed AbortSignal timeout was lost to one)', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const server = createServer(() => undefined); // never answers
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const collecting = setInterval(gc, 20);
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
    const started = Date.now();
    const outcome = await Promise.race([postOnce(url, '{}', 200, new AbortController().signal), new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 5000))]);
    expect(outcome).toEqual({ ok: false, error: 'no answer within 200 ms', retryable: true });
    expect(Date.now() - started).toBeLessThan(5000);
  } finally {
    clearInterval(collecting);
    server.closeAllConnections();
    server.close();
  }
});
