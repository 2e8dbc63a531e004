// Credentials for the benchmarks that drive a real stack: a BFF session of a demo user (the console's
// /api/* needs one), and the service token for calls straight to the control plane's /v1/*.

/** The demo users' password the benchmark stacks are started with (startStack env: DEMO_ENV). */
export const DEMO_PASSWORD = 'corridor-demo-password';
export const DEMO_ENV = { CORRIDOR_DEMO_PASSWORD: DEMO_PASSWORD };

/** The user the benchmarks act as: admin may read everything a benchmark asks for, stream statistics included. */
const BENCH_USER = 'admin';

/** Logs in at the BFF (`POST /api/session`, with the CSRF header) and answers the `Cookie` header value of the session. */
export async function logIn(bffUrl, username = BENCH_USER) {
  const res = await fetch(`${bffUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf': '1' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    signal: AbortSignal.timeout(10_000),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('corridor_session='));
  if (!res.ok || !cookie) throw new Error(`logging in as ${username} at ${bffUrl} failed: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  return cookie;
}

/** Logs a Playwright browser context in, so its pages carry the session cookie like a signed-in console. */
export async function logInBrowser(context, bffUrl, username = BENCH_USER) {
  const res = await context.request.post(`${bffUrl}/api/session`, { headers: { 'x-csrf': '1' }, data: { username, password: DEMO_PASSWORD } });
  if (!res.ok()) throw new Error(`logging the browser in as ${username} at ${bffUrl} failed: HTTP ${res.status()} ${(await res.text()).slice(0, 200)}`);
}

/** A signed-in browser state (the session cookie), to open any number of contexts with one login. */
export async function signedInState(browser, bffUrl, username = BENCH_USER) {
  const context = await browser.newContext();
  try {
    await logInBrowser(context, bffUrl, username);
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/** The header every call straight to the control plane needs. */
export function serviceAuth(serviceToken) {
  return { authorization: `Bearer ${serviceToken}` };
}
