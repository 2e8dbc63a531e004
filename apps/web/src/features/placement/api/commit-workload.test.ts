import type { Workload, WorkloadRequest } from '@corridor/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildPlan } from '../testing/plan-builders.ts';
import { commitWorkload, newIdempotencyKey } from './commit-workload.ts';
import { submissionFor } from './use-commit-workload.ts';

const request: WorkloadRequest = {
  name: 'Radiology triage',
  tenant: 'chu-casablanca',
  kind: 'inference',
  sector: 'healthcare',
  dataClass: 'personal',
  dataOrigin: 'MA',
  gpus: { count: 64, model: 'H100' },
  conditions: [],
};

const workload: Workload = {
  id: 'wl-1',
  name: request.name,
  tenant: request.tenant,
  kind: request.kind,
  sector: request.sector,
  dataClass: request.dataClass,
  dataOrigin: request.dataOrigin,
  state: 'placed',
  siteId: 'usdc-tangier-1',
  gpuModel: 'H100',
  gpuCount: 64,
  powerKw: 76.8,
  request,
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
};

function answer(status: number, body: unknown) {
  const fetchMock = vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

describe('committing a workload', () => {
  it('posts the request with its idempotency key and the CSRF header, and answers the placed workload', async () => {
    const fetchMock = answer(201, workload);
    await expect(commitWorkload(request, 'key-1')).resolves.toEqual({ kind: 'placed', workload });
    const [path, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/workloads');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ 'Idempotency-Key': 'key-1', 'X-CSRF': '1', 'Content-Type': 'application/json' });
    expect(JSON.parse(init.body as string)).toEqual(request);
  });

  it('reads a 409 as "no site fits", with the fresh plan that says why', async () => {
    const plan = buildPlan({ candidates: [] });
    answer(409, { error: { code: 'CONFLICT', message: 'No site can take this workload now.' }, plan });
    await expect(commitWorkload(request, 'key-2')).resolves.toEqual({ kind: 'no-site-fits', message: 'No site can take this workload now.', plan });
  });

  it('throws the API error of any other failure, with its fields', async () => {
    answer(400, { error: { code: 'BAD_REQUEST', message: 'workload request: gpus.count Too small', fields: [{ field: 'gpus.count', message: 'Too small' }] } });
    await expect(commitWorkload(request, 'key-3')).rejects.toMatchObject({ status: 400, code: 'BAD_REQUEST', fields: [{ field: 'gpus.count', message: 'Too small' }] });
    answer(201, { id: 'half a workload' });
    await expect(commitWorkload(request, 'key-4')).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('offline'))),
    );
    await expect(commitWorkload(request, 'key-5')).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });
});

describe('idempotency keys', () => {
  it('keeps the key while the same request is retried, and takes a new one for another request', () => {
    let n = 0;
    const makeKey = () => `key-${++n}`;
    const first = submissionFor(undefined, request, makeKey);
    expect(submissionFor(first, { ...request }, makeKey).key).toBe('key-1');
    expect(submissionFor(first, { ...request, gpus: { count: 32 } }, makeKey).key).toBe('key-2');
    expect(submissionFor(undefined, request, makeKey).key).toBe('key-3');
  });

  it('are version 4 UUIDs, different each time, also where randomUUID is missing (plain http)', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newIdempotencyKey()).toMatch(uuid);
    const { getRandomValues } = globalThis.crypto;
    const webCrypto = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array) => getRandomValues.call(webCrypto, bytes) });
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    vi.unstubAllGlobals();
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(uuid);
  });
});
