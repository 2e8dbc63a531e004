import { LOGIN_PATH } from '../../../lib/api-client.ts';

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

/** The OIDC routes' `?error=` codes (apps/bff/src/identity/oidc.ts), in words. */
const OIDC_ERRORS: Record<string, string> = {
  oidc_unavailable: 'Your organisation’s sign-in service cannot be reached right now. Please try again later.',
  oidc_state: 'The sign-in with your organisation took too long or was started in another tab. Please try again.',
  oidc_denied: 'Your organisation did not let you sign in.',
  oidc_failed: 'Your organisation’s answer could not be checked. Please try again.',
  oidc_role: 'Your organisation’s account has no Corridor role. Ask your administrator to grant you one.',
  oidc_tenant: 'Your organisation’s account is a tenant account without its tenant. Ask your administrator.',
  oidc_claims: 'Your organisation did not say who you are in a way Corridor can use. Ask your administrator.',
  oidc_refused: 'Corridor refused this sign-in (the account may be disabled, or there were too many attempts). Please try again later.',
};

/** What went wrong with signing in through the organisation, in words (any code, even an unknown one). */
export function oidcErrorMessage(code: string | null): string | undefined {
  if (!code) return undefined;
  return OIDC_ERRORS[code] ?? 'Signing in with your organisation did not work. Please try again, or sign in with your user name and password.';
}

/** A wait in words: "30 seconds", "1 minute", "5 minutes" (rounded up: never shorter than asked). */
export function formatWait(seconds: number): string {
  if (seconds < 60) {
    const s = Math.max(1, Math.ceil(seconds));
    return `${s} ${s === 1 ? 'second' : 'seconds'}`;
  }
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}
