import { describe, expect, it } from 'vitest';
import { openTransaction, safeReturnTo, sealTransaction, transactionKey } from './oidc-transaction.ts';

const TX = { state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/sites', expiresAt: 2_000 };

describe('the sign-in in flight', () => {
  it('comes back as it was sealed, until it expires', () => {
    const key = transactionKey();
    const sealed = sealTransaction(TX, key);
    expect(sealed).not.toContain('/sites');
    expect(openTransaction(sealed, key, 1_999)).toEqual(TX);
    expect(openTransaction(sealed, key, 2_000)).toBeUndefined();
  });

  it('is refused when tampered with, sealed with another key, or garbage', () => {
    const key = transactionKey();
    const sealed = sealTransaction(TX, key);
    const flipped = Buffer.from(sealed, 'base64url');
    const last = flipped.length - 1;
    flipped[last] = (flipped[last] ?? 0) ^ 1;
    expect(openTransaction(flipped.toString('base64url'), key, 0)).toBeUndefined();
    expect(openTransaction(sealed, transactionKey(), 0)).toBeUndefined();
    expect(openTransaction('not-a-transaction', key, 0)).toBeUndefined();
    expect(openTransaction(undefined, key, 0)).toBeUndefined();
  });

  it('opens on every replica that shares the secret', () => {
    const sealed = sealTransaction(TX, transactionKey('shared service token'));
    expect(openTransaction(sealed, transactionKey('shared service token'), 0)).toEqual(TX);
    expect(openTransaction(sealed, transactionKey('another secret'), 0)).toBeUndefined();
  });
});

describe('where the browser goes after signing in', () => {
  it.each(['/', '/sites/ma-benguerir-1', '/workloads?tenant=tenant-a#top'])('keeps the same-origin path %s', (path) => {
    expect(safeReturnTo(path)).toBe(path);
  });

  it.each(['https://evil.example/', '//evil.example/x', '/\\evil.example', '\\\\evil.example', 'javascript:alert(1)', '/\t/evil.example', 'sites', '', undefined, ['/a', '/b']])(
    'turns %j into /',
    (value) => {
      expect(safeReturnTo(value)).toBe('/');
    },
  );
});
