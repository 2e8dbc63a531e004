import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@corridor/http-kit';
import { AlertListSchema } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { startControlPlane, type RunningControlPlane } from '../src/control-plane.ts';
import { actingHeaders, serviceHeaders, USERS } from './auth.ts';
import { configFor, freshStore } from './stores.ts';

interface Received {
  status: string;
  version: string;
  commonLabels: Record<string, string>;
  alerts: { status: string; fingerprint: string; endsAt: string }[];
}

const eventually = (assertion: () => unknown) => vi.waitFor(assertion, { timeout: 10_000, interval: 25 });

/**
 * The whole path on a real control plane: the simulator cuts a cable, the rule fires, the notifier posts
 * to a receiver this test runs (down at first: it answers 500), an operator silences the alert, the cut
 * is cleared, and the resolved still reaches the receiver; the alert shows each delivery.
 */
describe('alert webhooks from a real control plane', () => {
  let cp: RunningControlPlane;
  let receiver: Server;
  let cleanup: () => Promise<void>;
  const received: Received[] = [];
  let failuresLeft = 2;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (failuresLeft-- > 0) return void res.writeHead(500).end();
        received.push(JSON.parse(body) as Received);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const webhook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const store = await freshStore('pglite', 'control-plane', { migrated: true });
    cp = await startControlPlane(
      { ...configFor(store, buildFleetFile()), simulator: { seed: 7, tickMs: 250, timeWarp: 1 }, alertWebhooks: [webhook], consoleUrl: 'https://noc.example.test' },
      createLogger('notify-test', 'silent'),
    );
    cleanup = async () => {
      await cp.close();
      receiver.closeAllConnections();
      await new Promise((r) => receiver.close(r));
      await store.cleanup();
    };
  });
  afterAll(() => cleanup?.());

  const cutAlert = async () => {
    const res = await fetch(`${cp.url}/v1/alerts?link=link-a-b`, { headers: actingHeaders(USERS.operator) });
    return AlertListSchema.parse(await res.json()).alerts.find((a) => a.ruleId === 'cable-cut');
  };

  it('notifies firing through 500s, then resolved although silenced, and shows each delivery on the alert', { timeout: 60_000 }, async () => {
    const injected = await fetch(`${cp.url}/v1/faults`, {
      method: 'POST',
      headers: { ...serviceHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'cable-cut', linkId: 'link-a-b' }),
    });
    expect(injected.status).toBe(201);
    const fault = (await injected.json()) as { id: string };

    await eventually(() => expect(received.map((r) => r.status)).toEqual(['firing']));
    expect(received[0]).toMatchObject({ version: '4', commonLabels: { alertname: 'cable-cut', link: 'link-a-b' } });
    await eventually(async () => expect((await cutAlert())?.notification).toMatchObject({ state: 'delivered', last: 'firing', attempts: 3 }));

    const silenced = await fetch(`${cp.url}/v1/silences`, {
      method: 'POST',
      headers: { ...actingHeaders(USERS.operator), 'content-type': 'application/json' },
      body: JSON.stringify({ matchers: { linkId: 'link-a-b' }, durationMinutes: 60, comment: 'splicing crew on site' }),
    });
    expect(silenced.status).toBe(201);
    await eventually(async () => expect((await cutAlert())?.silencedBy).toHaveLength(1));

    expect((await fetch(`${cp.url}/v1/faults/${fault.id}`, { method: 'DELETE', headers: serviceHeaders() })).status).toBe(204);
    await eventually(() => expect(received.map((r) => r.status)).toEqual(['firing', 'resolved']));
    expect(received[1]!.alerts[0]!.fingerprint).toBe(received[0]!.alerts[0]!.fingerprint);
    await eventually(async () => expect((await cutAlert())?.notification).toMatchObject({ state: 'delivered', last: 'resolved' }));
  });
});
