import { LOGIN_PATH } from '../../../lib/api-client.ts';
import type { MessageKey } from '../../../lib/i18n/message-keys.ts';
import { translate } from '../../../lib/i18n/runtime.ts';

/** Any origin will do: it only tells a path of the console's own from an address elsewhere. */
const PROBE_ORIGIN = 'https://console.invalid';

/** Whether a string holds a C0 control character (U+0000–U+001F): the browser drops a tab or newline from a URL, so `/\t/evil` would leave the origin. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) < 0x20) return true;
  return false;
}

/**
 * Where to go once signed in: `returnTo` when it is a path of the console itself, else the map. An
 * absolute or protocol-relative address (`https://…`, `//…`, `/\…`) would make the login page an open
 * redirect, and the login page itself would be a loop.
 */
export function safeReturnTo(returnTo: string | null): string {
  if (!returnTo || !returnTo.startsWith('/') || returnTo.includes('\\') || hasControlCharacter(returnTo)) return '/';
  let url: URL;
  try {
    url = new URL(returnTo, PROBE_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== PROBE_ORIGIN || url.pathname === LOGIN_PATH) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The OIDC start address with where to come back to, as a same-origin path when it is one. */
export function oidcStartHref(startUrl: string, returnTo: string, origin: string): string {
  const url = new URL(startUrl, origin);
  url.searchParams.set('returnTo', returnTo);
  return url.origin === origin ? `${url.pathname}${url.search}` : url.href;
}

/** The OIDC routes' `?error=` codes (apps/bff/src/identity/oidc.ts), as message keys. */
const OIDC_ERRORS: Readonly<Record<string, MessageKey>> = {
  oidc_unavailable: 'session.oidc.unavailable',
  oidc_state: 'session.oidc.state',
  oidc_denied: 'session.oidc.denied',
  oidc_failed: 'session.oidc.failed',
  oidc_role: 'session.oidc.role',
  oidc_tenant: 'session.oidc.tenant',
  oidc_claims: 'session.oidc.claims',
  oidc_refused: 'session.oidc.refused',
};

/** What went wrong with signing in through the organisation, in words (any code, even an unknown one). */
export function oidcErrorMessage(code: string | null): string | undefined {
  if (!code) return undefined;
  return translate(Object.hasOwn(OIDC_ERRORS, code) ? OIDC_ERRORS[code]! : 'session.oidc.other');
}

/** A wait in words: "30 seconds", "1 minute", "5 minutes" (rounded up: never shorter than asked). */
export function formatWait(seconds: number): string {
  if (seconds < 60) {
    return translate('session.wait.seconds', { count: Math.max(1, Math.ceil(seconds)) });
  }
  return translate('session.wait.minutes', { count: Math.ceil(seconds / 60) });
}
