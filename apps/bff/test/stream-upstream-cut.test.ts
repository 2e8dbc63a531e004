// The BFF's connection to a real control plane is cut (the processes live on) while events flow: the BFF
// resumes with Last-Event-ID, the control plane replays from its buffer, browsers miss nothing and never resync.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { SseParser, type SseMessage } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { startControlPlane } from '@corridor/control-plane';
import { DEFAULT_POLICY_DIR } from '@corridor/control-plane/config';
import { SERVICE_TOKEN, silent } from './harness.ts';
import { eventually, openBrowser, startStreamBff } from './stream-helpers.ts';
import { seedPglite } from '../../control-plane/test/pglite-template.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A TCP relay to `port` that can cut every connection through it and refuse new ones for a while. */
async function cuttableProxy(port: number) {
  const sockets = new Set<Socket>();
  let down = false;
  const server = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = connect(port, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined).on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => server.close(r)));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    cut() {
      down = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      down = false;
    },
  };
}

/** Follows the control plane's own stream directly: the reference of what was published, in order. */
async function followControlPlane(url: string): Promise<SseMessage[]> {
  const seen: SseMessage[] = [];
  const controller = new AbortController();
  cleanups.push(() => controller.abort());
  const res = await fetch(`${url}/v1/stream`, { headers: { authorization: `Bearer ${SERVICE_TOKEN}`, accept: 'text/event-stream' }, signal: controller.signal });
  const parser = new SseParser({ onMessage: (m) => seen.push(m), onOverflow: () => undefined });
  void (async () => {
    for await (const chunk of res.body!) parser.push(Buffer.from(chunk));
  })().catch(() => undefined);
  return seen;
}

it('replays what the BFF missed while its upstream connection was cut: every event, no resync', async () => {
  const dataDir = seedPglite(mkdtempSync(join(tmpdir(), 'corridor-bff-cut-')), 'control-plane', { migrated: true });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const fleetFile = join(dataDir, 'fleet.yaml');
  writeFileSync(fleetFile, stringify(buildFleetFile()));
  const cp = await startControlPlane(
    { port: 0, host: '127.0.0.1', dataDir, fleetFile, policyDir: DEFAULT_POLICY_DIR, serviceToken: SERVICE_TOKEN, simulator: { seed: 1, tickMs: 200, timeWarp: 1 } },
    silent,
  );
  cleanups.push(() => cp.close());
  const proxy = await cuttableProxy(Number(new URL(cp.url).port));
  const reference = await followControlPlane(cp.url);
  const bff = await startStreamBff([proxy.url], { backoffInitialMs: 50 });
  cleanups.push(() => bff.close());
  await bff.connected();
  const browser = await openBrowser(bff);
  cleanups.push(() => browser.close());
  await eventually(() => expect(browser.events.length).toBeGreaterThanOrEqual(3));

  proxy.cut();
  const publishedAtCut = reference.length;
  // Events flow while the BFF cannot reach the control plane.
  await eventually(() => expect(reference.length).toBeGreaterThanOrEqual(publishedAtCut + 3), 10_000);
  proxy.restore();
  await eventually(async () => expect((await bff.stats()).upstreams[0]).toMatchObject({ connected: true, subscriptions: 2 }), 10_000);
  const publishedAfter = reference.length + 2;
  await eventually(() => expect(reference.length).toBeGreaterThanOrEqual(publishedAfter), 10_000);

  const key = (m: SseMessage) => `${m.event} ${m.data}`;
  const got = browser.events.map(key);
  const expected = reference.map(key);
  const start = expected.indexOf(got[0]!);
  expect(start).toBeGreaterThanOrEqual(0);
  // Everything the control plane published from the browser's first event up to the last one it received.
  expect(got).toEqual(expected.slice(start, start + got.length));
  expect(got.length).toBeGreaterThan(publishedAtCut + 3 - start);
  expect(browser.messages.some((m) => m.event === 'resync')).toBe(false);
}, 60_000);
