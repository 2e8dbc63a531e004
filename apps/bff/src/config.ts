import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { StoreEnvShape, storeOptionsFrom } from '@corridor/store';
import { oidcConfigFromEnv, type OidcConfig } from './identity/oidc-config.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const UrlList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url({ protocol: /^https?$/ })).min(1, 'needs at least one control plane URL'));

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  /** One control plane per jurisdiction: a comma-separated list federates them. */
  CONTROL_PLANE_URLS: UrlList.optional(),
  CONTROL_PLANE_URL: UrlList.optional(),
  CONTROL_PLANE_PORT: z.coerce.number().int().min(1).max(65535).default(8090),
  CORRIDOR_WEB_DIST: z.string().default(resolve(REPO_ROOT, 'apps/web/dist')),
  /** How long a fleet read from a control plane is served without asking it again. */
  CORRIDOR_FLEET_FRESH_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** Behind an https terminator: HSTS on, secure cookies. */
  CORRIDOR_HTTPS: z.stringbool().default(false),
  /**
   * Behind a reverse proxy: which hops to believe in X-Forwarded-For (Express's `trust proxy`: a hop count,
   * or addresses / subnets such as `loopback, 10.0.0.0/8`). Without it every sign-in seems to come from the
   * proxy, and the per-address login throttle would block everyone at once.
   */
  CORRIDOR_TRUST_PROXY: z
    .string()
    .trim()
    .min(1)
    .transform((v) => (/^\d+$/.test(v) ? Number(v) : v))
    .optional(),
  /** The BFF's own store (users, sessions, API tokens) is PGlite in <CORRIDOR_DATA_DIR>/bff unless DATABASE_URL is set. */
  ...StoreEnvShape,
  /** `production` turns demo mode off for good. */
  NODE_ENV: z.string().optional(),
  /** Demo mode: the password of the seeded users (generated and printed once when absent). */
  CORRIDOR_DEMO_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(256).optional(),
  /** A session ends after this many minutes without a request… */
  CORRIDOR_SESSION_IDLE_MIN: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** …and this many hours after sign-in, whatever happens. */
  CORRIDOR_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  /** Shared with the control plane: the BFF's credential there, and the key that signs the acting user. */
  CORRIDOR_SERVICE_TOKEN: z.string({ error: 'is required: the secret shared with the control plane (npm start generates one into var/service-token)' }).min(32, 'must be at least 32 characters'),
});

export interface BffConfig {
  port: number;
  host: string;
  controlPlaneUrls: string[];
  webDist: string;
  fleetFreshMs: number;
  https: boolean;
  /** Express's `trust proxy`, when the BFF is behind a reverse proxy. */
  trustProxy?: number | string;
  dataDir: string;
  databaseUrl?: string;
  /** NODE_ENV=production: no demo users, and no start without a user source. */
  production: boolean;
  demoPassword?: string;
  sessionIdleMs: number;
  sessionMaxMs: number;
  serviceToken: string;
  /** "Sign in with your organisation", when the CORRIDOR_OIDC_* variables are set. */
  oidc?: OidcConfig;
}

/** Reads the environment; throws one message listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): BffConfig {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`BFF configuration is invalid:\n${lines.join('\n')}`);
  }
  const c = result.data;
  const oidc = oidcConfigFromEnv(env);
  return {
    port: c.PORT,
    host: c.HOST,
    controlPlaneUrls: c.CONTROL_PLANE_URLS ?? c.CONTROL_PLANE_URL ?? [`http://127.0.0.1:${c.CONTROL_PLANE_PORT}`],
    webDist: resolve(c.CORRIDOR_WEB_DIST),
    fleetFreshMs: c.CORRIDOR_FLEET_FRESH_MS,
    https: c.CORRIDOR_HTTPS,
    ...(c.CORRIDOR_TRUST_PROXY === undefined ? {} : { trustProxy: c.CORRIDOR_TRUST_PROXY }),
    ...storeOptionsFrom(c),
    production: c.NODE_ENV === 'production',
    ...(c.CORRIDOR_DEMO_PASSWORD ? { demoPassword: c.CORRIDOR_DEMO_PASSWORD } : {}),
    sessionIdleMs: c.CORRIDOR_SESSION_IDLE_MIN * 60_000,
    sessionMaxMs: c.CORRIDOR_SESSION_MAX_HOURS * 3_600_000,
    serviceToken: c.CORRIDOR_SERVICE_TOKEN,
    ...(oidc ? { oidc } : {}),
  };
}
