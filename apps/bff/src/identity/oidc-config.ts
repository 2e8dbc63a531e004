import { z } from 'zod';
import type { LoginProviders } from '@corridor/shared';

/** Where the console's "sign in with your organisation" button starts, and where the provider sends the browser back. */
export const OIDC_BASE_PATH = '/api/session/oidc';
export const OIDC_START_PATH = `${OIDC_BASE_PATH}/start`;
export const OIDC_CALLBACK_PATH = `${OIDC_BASE_PATH}/callback`;

/** An OpenID Connect provider the BFF signs people in with (authorization code + PKCE). */
export interface OidcConfig {
  /** The issuer identifier; its discovery document is read on the first sign-in. */
  issuer: string;
  clientId: string;
  /** Absent for a public client (PKCE alone); otherwise sent with HTTP Basic, the registration default. */
  clientSecret?: string;
  /** The BFF's callback as registered at the provider: `<origin>/api/session/oidc/callback`. */
  redirectUri: string;
  /** The login button's text. */
  label: string;
  /** Space-separated scopes asked for; always includes `openid`. */
  scopes: string;
  /** The claim carrying the Corridor role (`executive`, `operator`, `admin` or `tenant`). */
  roleClaim: string;
  /** The claim carrying the tenant of a `tenant` principal. */
  tenantClaim: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https, or http to a loopback host (a provider or BFF on the same machine, as in development and tests). */
const SecureUrl = z.url({ protocol: /^https?$/ }).refine((u) => {
  const url = new URL(u);
  return url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname);
}, 'must be an https URL (http only for a loopback host)');

const ClaimName = z.string().trim().min(1).max(200);

const OidcEnvSchema = z.object({
  CORRIDOR_OIDC_ISSUER: SecureUrl,
  CORRIDOR_OIDC_CLIENT_ID: z.string().trim().min(1),
  CORRIDOR_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  CORRIDOR_OIDC_REDIRECT_URI: SecureUrl.refine((u) => new URL(u).pathname === OIDC_CALLBACK_PATH, `must end in ${OIDC_CALLBACK_PATH}`),
  CORRIDOR_OIDC_LABEL: z.string().trim().min(1).max(80).default('Sign in with your organisation'),
  CORRIDOR_OIDC_SCOPES: z
    .string()
    .trim()
    .default('openid profile')
    .refine((s) => s.split(/\s+/).includes('openid'), 'must include openid'),
  CORRIDOR_OIDC_ROLE_CLAIM: ClaimName.default('corridor_role'),
  CORRIDOR_OIDC_TENANT_CLAIM: ClaimName.default('corridor_tenant'),
});

/** Setting any of these turns OpenID Connect on; the issuer, client id and redirect URI are then required. */
const SWITCHES = ['CORRIDOR_OIDC_ISSUER', 'CORRIDOR_OIDC_CLIENT_ID', 'CORRIDOR_OIDC_CLIENT_SECRET', 'CORRIDOR_OIDC_REDIRECT_URI'] as const;

/**
 * Reads the CORRIDOR_OIDC_* variables: undefined when OpenID Connect is not configured; throws one message
 * naming every bad variable otherwise. Empty values count as unset.
 */
export function oidcConfigFromEnv(env: NodeJS.ProcessEnv = process.env): OidcConfig | undefined {
  const set = Object.fromEntries(Object.entries(env).filter(([key, value]) => key.startsWith('CORRIDOR_OIDC_') && value !== ''));
  if (!SWITCHES.some((key) => key in set)) return undefined;
  const result = OidcEnvSchema.safeParse(set);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`OpenID Connect configuration is invalid:\n${lines.join('\n')}`);
  }
  const c = result.data;
  return {
    issuer: c.CORRIDOR_OIDC_ISSUER,
    clientId: c.CORRIDOR_OIDC_CLIENT_ID,
    ...(c.CORRIDOR_OIDC_CLIENT_SECRET ? { clientSecret: c.CORRIDOR_OIDC_CLIENT_SECRET } : {}),
    redirectUri: c.CORRIDOR_OIDC_REDIRECT_URI,
    label: c.CORRIDOR_OIDC_LABEL,
    scopes: c.CORRIDOR_OIDC_SCOPES.split(/\s+/).join(' '),
    roleClaim: c.CORRIDOR_OIDC_ROLE_CLAIM,
    tenantClaim: c.CORRIDOR_OIDC_TENANT_CLAIM,
  };
}

/** The `oidc` entry of `GET /api/session/providers`: the console appends `?returnTo=<path>` to `startUrl`. */
export function oidcProvidersEntry(config?: OidcConfig): LoginProviders['oidc'] {
  return config ? { label: config.label, startUrl: OIDC_START_PATH } : undefined;
}
