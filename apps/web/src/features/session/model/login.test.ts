import { describe, expect, it } from 'vitest';
import { formatWait, oidcErrorMessage, oidcStartHref, safeReturnTo } from './login.ts';

describe('where the login page sends back to', () => {
  it('keeps a path of the console with its query and hash', () => {
    expect(safeReturnTo('/?view=workloads&state=running')).toBe('/?view=workloads&state=running');
    expect(safeReturnTo('/?workload=w-1#audit')).toBe('/?workload=w-1#audit');
  });

  it('goes to the map instead of another origin, a malformed address or the login page itself', () => {
    for (const hostile of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      '/%0d%0aSet-Cookie:x',
      'view=place',
      '/login?returnTo=/login',
      '',
      null,
    ]) {
      const target = safeReturnTo(hostile);
      expect(target.startsWith('/') && !target.startsWith('//'), String(hostile)).toBe(true);
      expect(new URL(target, 'https://console.example').origin).toBe('https://console.example');
      expect(target.startsWith('/login')).toBe(false);
    }
    expect(safeReturnTo('//evil.example/x')).toBe('/');
    expect(safeReturnTo('/login')).toBe('/');
    // The URL parser drops tabs and newlines: "/\t/evil.example" would read as "//evil.example".
    expect(safeReturnTo('/\t/evil.example')).toBe('/');
    expect(safeReturnTo('/\n/evil.example')).toBe('/');
  });
});

describe('signing in with the organisation', () => {
  it('starts with where to come back to', () => {
    expect(oidcStartHref('/api/session/oidc/start', '/?view=workloads', 'https://console.example')).toBe('/api/session/oidc/start?returnTo=%2F%3Fview%3Dworkloads');
    expect(oidcStartHref('/api/session/oidc/start?prompt=login', '/', 'https://console.example')).toBe('/api/session/oidc/start?prompt=login&returnTo=%2F');
  });

  it('says in words why the callback failed, known code or not', () => {
    expect(oidcErrorMessage('oidc_denied')).toBe('Your organisation did not let you sign in.');
    expect(oidcErrorMessage('<script>')).toMatch(/^Signing in with your organisation did not work/);
    expect(oidcErrorMessage(null)).toBeUndefined();
  });
});

describe('formatWait', () => {
  it('says a wait in seconds, then in whole minutes rounded up', () => {
    expect(formatWait(1)).toBe('1 second');
    expect(formatWait(42)).toBe('42 seconds');
    expect(formatWait(60)).toBe('1 minute');
    expect(formatWait(61)).toBe('2 minutes');
    expect(formatWait(0)).toBe('1 second');
  });
});
