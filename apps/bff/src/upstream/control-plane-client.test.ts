import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { verifyActingUser } from '@corridor/http-kit';
import type { Principal } from '@corridor/shared';
import { acting } from '../identity/context.ts';
import { ControlPlaneClient } from './control-plane-client.ts';

const TOKEN = 'client-test-service-token-0123456789abcdef';
const tenantUser: Principal = { username: 'tenant-a', name: 'Tenant A', role: 'tenant', tenant: 'tenant-a', method: 'password' };

describe('the control-plane client’s credentials', () => {
  let server: Server;
  let client: ControlPlaneClient;
  const seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new ControlPlaneClient({ name: 'control plane', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, serviceToken: TOKEN });
  });
  afterAll(async () => {
    await client?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  const Ok = z.object({ ok: z.literal(true) });

  it('sends the service credential alone on the BFF’s own calls', async () => {
    seen.length = 0;
    await client.get('/v1/sites', Ok);
    expect(seen[0]).toMatchObject({ authorization: `Bearer ${TOKEN}` });
    expect(seen[0]).not.toHaveProperty('x-corridor-acting-user');
    expect(client.serviceHeaders()).toEqual({ authorization: `Bearer ${TOKEN}` });
  });

  it('signs the acting principal onto every call made for it, reads and writes alike', async () => {
    seen.length = 0;
    await acting.run(tenantUser, async () => {
      await client.get('/v1/workloads', Ok);
      await client.write('POST', '/v1/workloads', Ok, { body: { name: 'x' }, headers: { 'Idempotency-Key': 'k-1' } });
    });
    expect(seen).toHaveLength(2);
    for (const headers of seen) {
      expect(headers.authorization).toBe(`Bearer ${TOKEN}`);
      const check = verifyActingUser(String(headers['x-corridor-acting-user']), String(headers['x-corridor-acting-signature']), TOKEN, Date.now());
      expect(check).toEqual({ ok: true, user: { username: 'tenant-a', role: 'tenant', tenant: 'tenant-a' } });
    }
    expect(seen[1]).toMatchObject({ 'idempotency-key': 'k-1' });
  });

  it('lets no caller header replace the credentials', async () => {
    seen.length = 0;
    await client.write('DELETE', '/v1/workloads/wl-1', Ok, { headers: { authorization: 'Bearer forged', 'X-Corridor-Acting-User': 'forged' } });
    expect(seen[0]!.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]).not.toHaveProperty('x-corridor-acting-user');
  });
});

describe('a computation that holds nothing (a batch what-if, an N-1)', () => {
  let server: Server;
  let client: ControlPlaneClient;
  /** How long the fake control plane takes to answer each call, and how many calls it received. */
  let delayMs = 0;
  let calls = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      calls++;
      const timer = setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end('{"ok":true}');
      }, delayMs);
      res.on('close', () => clearTimeout(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new ControlPlaneClient({ name: 'control plane', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, serviceToken: TOKEN, timeoutMs: 300 });
  });
  afterAll(async () => {
    await client?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  const Ok = z.object({ ok: z.literal(true) });

  it('waits the budget it is given, longer than the ordinary deadline', async () => {
    delayMs = 600;
    await expect(client.write('POST', '/v1/placements/batch-plan', Ok, { holdsNothing: true, timeoutMs: 3_000 })).resolves.toMatchObject({ data: { ok: true } });
  });

  it('answers a plain 503 saying nothing was held when no answer comes, never an outcome to find out', async () => {
    delayMs = 5_000;
    calls = 0;
    const error = await client.write('POST', '/v1/placements/batch-plan', Ok, { holdsNothing: true, timeoutMs: 400 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503 });
    expect((error as Error).message).toMatch(/did not answer \/v1\/placements\/batch-plan within 400 ms; nothing was held: send it again$/);
    expect((error as Error).message).not.toMatch(/may or may not/);
    expect(calls).toBeGreaterThanOrEqual(1);
  });
});
