import { SiteRowListSchema } from '@corridor/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, apiGet, apiRequest, isUnavailableError, loginHref } from './api-client.ts';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const unauthorized = () => json(401, { error: { code: 'UNAUTHORIZED', message: 'Sign in first.' } });

/** The page's location, where a 401 may send the person. */
function stubLocation(pathname: string, search = '') {
  const replace = vi.fn();
  vi.stubGlobal('window', { location: { pathname, search, replace } });
  return replace;
}

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

  it('sends the person to the login page on a 401, to come back to the page they were on', async () => {
    const replace = stubLocation('/', '?view=workloads&state=running');
    mockFetch(unauthorized());
    await expect(apiGet('/api/workloads', SiteRowListSchema)).rejects.toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect(replace).toHaveBeenCalledWith('/login?returnTo=%2F%3Fview%3Dworkloads%26state%3Drunning');
  });

  it('stays on the login page when a call from it gets a 401, and lets the login call answer wrong credentials itself', async () => {
    const fromLogin = stubLocation('/login', '?returnTo=%2F');
    mockFetch(unauthorized());
    await expect(apiGet('/api/session', SiteRowListSchema)).rejects.toMatchObject({ status: 401 });
    expect(fromLogin).not.toHaveBeenCalled();

    const fromMap = stubLocation('/', '?site=x');
    mockFetch(unauthorized());
    await expect(apiRequest('/api/session', SiteRowListSchema, { method: 'POST', body: {}, signingIn: true })).rejects.toMatchObject({ status: 401 });
    expect(fromMap).not.toHaveBeenCalled();
  });

  it('reads how long a throttled call should wait', async () => {
    mockFetch(json(429, { error: { code: 'TOO_MANY_REQUESTS', message: 'Slow down.' } }, { 'Retry-After': '42' }));
    await expect(apiRequest('/api/session', SiteRowListSchema, { method: 'POST', signingIn: true })).rejects.toMatchObject({ status: 429, retryAfterS: 42 });
  });

  it('links to the login page with where to come back to (nothing for the map)', () => {
    expect(loginHref('/')).toBe('/login');
    expect(loginHref('/?workload=w-1')).toBe('/login?returnTo=%2F%3Fworkload%3Dw-1');
  });
});
