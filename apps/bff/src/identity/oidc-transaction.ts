import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { CookieOptions } from 'express';
import { z } from 'zod';
import { OIDC_BASE_PATH } from './oidc-config.ts';

/**
 * One sign-in in flight, between the redirect to the provider and its callback. It travels in a cookie
 * sealed with AES-256-GCM, so the browser can neither read the PKCE verifier nor forge a transaction, and
 * any BFF replica holding the same key can finish a sign-in another one started.
 */
const TransactionSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(1),
  returnTo: z.string(),
  /** Epoch ms after which the callback is refused. */
  expiresAt: z.number(),
});
export type OidcTransaction = z.infer<typeof TransactionSchema>;

export const TRANSACTION_COOKIE = 'corridor_oidc';
/** Long enough to type a password and approve a consent screen, short enough to be useless when stolen. */
export const TRANSACTION_TTL_MS = 10 * 60_000;

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A sealing key: derived from a secret every replica shares when there is one, random for this process otherwise. */
export function transactionKey(sharedSecret?: string): Buffer {
  if (!sharedSecret) return randomBytes(32);
  return Buffer.from(hkdfSync('sha256', sharedSecret, '', 'corridor oidc transaction', 32));
}

export function sealTransaction(tx: OidcTransaction, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(tx), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The transaction in a cookie value, or undefined when it is absent, tampered with, sealed with another key or expired. */
export function openTransaction(value: string | undefined, key: Buffer, nowMs: number): OidcTransaction | undefined {
  if (!value) return undefined;
  const raw = Buffer.from(value, 'base64url');
  if (raw.length <= IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const json = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    const tx = TransactionSchema.parse(JSON.parse(json));
    return tx.expiresAt > nowMs ? tx : undefined;
  } catch {
    return undefined;
  }
}

/**
 * SameSite=Lax, not Strict: the callback is a navigation coming from the provider's site, and a Strict
 * cookie would not be sent with it. Scoped to the OIDC routes and secure whenever the callback is https.
 */
export function transactionCookieOptions(redirectUri: string): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: OIDC_BASE_PATH, secure: new URL(redirectUri).protocol === 'https:' };
}

const ORIGIN_PROBE = 'http://corridor.invalid';

/** Whether a string holds a C0 control character or DEL (U+0000–U+001F, U+007F). */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Where to send the browser after signing in: a path on this origin, or `/`. Anything that would leave the
 * origin (`//evil`, `/\evil`, `https://evil`, control characters) becomes `/`, so the login cannot be used
 * as an open redirect.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2048 || !value.startsWith('/') || value.includes('\\') || hasControlCharacter(value)) return '/';
  const url = new URL(value, ORIGIN_PROBE);
  return url.origin === ORIGIN_PROBE ? `${url.pathname}${url.search}${url.hash}` : '/';
}
