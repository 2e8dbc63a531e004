import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, SessionViewSchema } from '@corridor/shared';
import { realStack, signIn, type RealStack } from './harness.ts';
import { STORE_KINDS } from './stores.ts';

const WRITE = { 'X-CSRF': '1', 'Content-Type': 'application/json' };

describe.each(STORE_KINDS)("a person's console language, kept with their account (%s store)", (kind) => {
  let stack: RealStack;

  const put = (cookie: string | undefined, body: string, headers: Record<string, string> = WRITE) =>
    fetch(`${stack.bff.url}/api/session/preferences`, { method: 'PUT', headers: { ...headers, ...(cookie ? { cookie } : {}) }, body });
  const sessionOf = async (cookie: string) => SessionViewSchema.parse(await (await fetch(`${stack.bff.url}/api/session`, { headers: { cookie } })).json());
  const storedLocale = async (username: string) => (await stack.store.db.query<{ locale: string | null }>('SELECT locale FROM bff_users WHERE username = $1', [username])).rows[0]?.locale;

  beforeAll(async () => {
    stack = await realStack(kind);
  }, 120_000);
  afterAll(() => stack?.close());

  it('is read by every session of that person on its next GET /api/session, and by their next sign-in; not by anyone else', async () => {
    const first = await stack.bff.as('operator');
    const second = await stack.bff.as('operator');
    const other = await stack.bff.as('admin');
    expect((await sessionOf(second.cookie)).principal.locale).toBeUndefined();

    const saved = await put(first.cookie, JSON.stringify({ locale: 'ar' }));
    expect(saved.status).toBe(200);
    expect(saved.headers.get('cache-control')).toBe('no-store');
    expect(SessionViewSchema.parse(await saved.json()).principal).toMatchObject({ username: 'operator', locale: 'ar' });
    expect(await storedLocale('operator')).toBe('ar');

    expect((await sessionOf(second.cookie)).principal.locale).toBe('ar');
    expect((await sessionOf(other.cookie)).principal.locale).toBeUndefined();
    const { res } = await signIn(stack.bff.url, 'operator');
    expect(SessionViewSchema.parse(await res.json()).principal.locale).toBe('ar');

    // Changed again from the other browser: the first reads it at once (no cached copy holds the old one).
    expect((await put(second.cookie, JSON.stringify({ locale: 'fr' }))).status).toBe(200);
    expect((await sessionOf(first.cookie)).principal.locale).toBe('fr');
  });

  it('refuses hostile bodies with 400 naming the field, never 5xx, and keeps nothing', async () => {
    const { cookie } = await stack.bff.as('executive');
    const hostile: [string, string][] = [
      ['{}', 'locale'],
      ['{"locale":"de"}', 'locale'],
      ['{"locale":"EN"}', 'locale'],
      ['{"locale":null}', 'locale'],
      ['{"locale":["fr"]}', 'locale'],
      [JSON.stringify({ locale: 'f'.repeat(200_000) }), 'locale'],
      [JSON.stringify({ locale: 'f\ud800r' }), 'locale'],
      [JSON.stringify({ locale: '\udc00' }), 'locale'],
      // Keys the body does not take are named by the object that holds them (the root here).
      ['{"__proto__":{"locale":"fr"}}', '(root)'],
      ['{"locale":"fr","__proto__":{"role":"admin"}}', '(root)'],
      ['{"locale":"fr","constructor":{"prototype":{"x":1}}}', '(root)'],
      ['{"locale":"fr","theme":"dark"}', '(root)'],
      ['"fr"', '(body)'],
      ['null', '(body)'],
    ];
    for (const [body, field] of hostile) {
      const res = await put(cookie, body);
      expect(res.status, body.slice(0, 80)).toBe(400);
      const fields = ErrorBodySchema.parse(await res.json()).error.fields ?? [];
      expect(
        fields.map((f) => f.field),
        body.slice(0, 80),
      ).toContain(field);
    }
    expect(await storedLocale('executive')).toBeNull();
    expect((await sessionOf(cookie)).principal.locale).toBeUndefined();
    // The BFF runs in this process: a `__proto__` that reached an object's prototype would show here.
    expect(Object.hasOwn(Object.prototype, 'role')).toBe(false);
  });

  it('answers an API token 403, a write without X-CSRF 403 and nobody 401, keeping nothing', async () => {
    const { secret } = await stack.bff.identity.tokens.issue({ name: 'automation', role: 'operator' }, 'admin');
    const byToken = await fetch(`${stack.bff.url}/api/session/preferences`, {
      method: 'PUT',
      headers: { ...WRITE, authorization: `Bearer ${secret}` },
      body: JSON.stringify({ locale: 'fr' }),
    });
    expect(byToken.status).toBe(403);
    expect(ErrorBodySchema.parse(await byToken.json()).error.message).toMatch(/API token cannot PUT \/api\/session\/preferences/);

    const { cookie } = await stack.bff.as('tenant-a');
    expect((await put(cookie, JSON.stringify({ locale: 'fr' }), { 'Content-Type': 'application/json' })).status).toBe(403);
    expect((await put(undefined, JSON.stringify({ locale: 'fr' }))).status).toBe(401);
    expect(await storedLocale('tenant-a')).toBeNull();
    expect((await stack.store.db.query(`SELECT 1 FROM bff_users WHERE locale IS NOT NULL AND username <> 'operator'`)).rows).toEqual([]);
  });
});
