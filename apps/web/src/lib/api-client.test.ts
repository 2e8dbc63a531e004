import { SiteRowListSchema } from '@corridor/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, apiGet, apiRequest, isUnavailableError } from './api-client.ts';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function mockFetch(response: Response | Error) {
  const fetchMock = vi.fn(async () => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

describe('api client', () => {
  it('reads from the same origin with the session cookie and parses with the schema', async () => {
    const fetchMock = mockFetch(json(200, { sites: [] }));
    await expect(apiGet('/api/sites', SiteRowListSchema)).resolves.toEqual({ sites: [] });
    const [path, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/sites');
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>)['X-CSRF']).toBeUndefined();
  });

  it('adds the CSRF header and a JSON body on writes', async () => {
    const fetchMock = mockFetch(json(200, { ok: true }));
    await apiRequest('/api/things', z.object({ ok: z.boolean() }), { method: 'POST', body: { a: 1 } });
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ 'X-CSRF': '1', 'Content-Type': 'application/json' });
    expect(init.body).toBe('{"a":1}');
  });

  it('turns the error body into a typed ApiError', async () => {
    mockFetch(json(503, { error: { code: 'UPSTREAM_UNAVAILABLE', message: 'The control plane is unreachable.', requestId: 'r1' } }));
    const error = await apiGet('/api/sites', SiteRowListSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE', message: 'The control plane is unreachable.', requestId: 'r1' });
    expect(isUnavailableError(error)).toBe(true);
  });

  it('names a status without a body, and a response that breaks the contract', async () => {
    mockFetch(new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(apiGet('/api/sites', SiteRowListSchema)).rejects.toMatchObject({ status: 502, code: 'BAD_GATEWAY' });
    mockFetch(json(200, { sites: [{ id: 'x' }] }));
    await expect(apiGet('/api/sites', SiteRowListSchema)).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  it('reports an unreachable server as a network error', async () => {
    mockFetch(new TypeError('fetch failed'));
    const error = await apiGet('/api/status', SiteRowListSchema).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
    expect(isUnavailableError(error)).toBe(true);
  });
});
