import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const UrlList = z
  .string()
  .transform((s) => s.split(',').map((u) => u.trim()).filter(Boolean))
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
});

export interface BffConfig {
  port: number;
  host: string;
  controlPlaneUrls: string[];
  webDist: string;
  fleetFreshMs: number;
  https: boolean;
}

/** Reads the environment; throws one message listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): BffConfig {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`BFF configuration is invalid:\n${lines.join('\n')}`);
  }
  const c = result.data;
  return {
    port: c.PORT,
    host: c.HOST,
    controlPlaneUrls: c.CONTROL_PLANE_URLS ?? c.CONTROL_PLANE_URL ?? [`http://127.0.0.1:${c.CONTROL_PLANE_PORT}`],
    webDist: resolve(c.CORRIDOR_WEB_DIST),
    fleetFreshMs: c.CORRIDOR_FLEET_FRESH_MS,
    https: c.CORRIDOR_HTTPS,
  };
}
