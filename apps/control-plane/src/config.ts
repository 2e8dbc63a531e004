import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { StoreEnvShape, storeOptionsFrom } from '@corridor/store';
import type { SimulatorOptions } from './simulator/simulator.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The default placement policy pack, data/policy/. */
export const DEFAULT_POLICY_DIR = resolve(REPO_ROOT, 'data/policy');
/** The default alert rules, data/alerts/. */
export const DEFAULT_ALERTS_DIR = resolve(REPO_ROOT, 'data/alerts');

const ConfigSchema = z.object({
  CONTROL_PLANE_PORT: z.coerce.number().int().min(0).max(65535).default(8090),
  CONTROL_PLANE_HOST: z.string().default('127.0.0.1'),
  ...StoreEnvShape,
  CORRIDOR_FLEET_FILE: z.string().default(resolve(REPO_ROOT, 'data/fleet.yaml')),
  CORRIDOR_POLICY_DIR: z.string().default(DEFAULT_POLICY_DIR),
  CORRIDOR_ALERTS_DIR: z.string().default(DEFAULT_ALERTS_DIR),
  CORRIDOR_SIMULATOR: z.enum(['on', 'off']).default('on'),
  CORRIDOR_SIM_TICK_MS: z.coerce.number().int().min(100).max(3_600_000).default(5000),
  CORRIDOR_SIM_SEED: z.coerce.number().int().default(2026),
  CORRIDOR_SIM_TIME_WARP: z.coerce.number().min(0.01).max(100_000).default(1),
  // Sites with a real telemetry feed: the simulator leaves them to it (comma-separated site ids).
  CORRIDOR_SIM_SKIP_SITES: z.string().default(''),
  CORRIDOR_RAW_RETENTION_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 90)
    .default(48),
  CORRIDOR_SERVICE_TOKEN: z.string({ error: 'is required: the secret shared with the BFF (npm start generates one into var/service-token)' }).min(32, 'must be at least 32 characters'),
  // The audit chain's key (never in the store); when unset, <dataDir>/audit-key, generated at first start.
  CORRIDOR_AUDIT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  // Keys rotated out, comma-separated: records made with them still verify.
  CORRIDOR_AUDIT_KEYS_PREVIOUS: z
    .string()
    .optional()
    .transform((s) =>
      (s ?? '')
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .refine((keys) => keys.every((k) => k.length >= 32), 'each key must be at least 32 characters'),
  CORRIDOR_AUDIT_ANCHOR_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  // Alert notifications: comma-separated webhook URLs, each sent the Alertmanager webhook body.
  CORRIDOR_ALERT_WEBHOOKS: z
    .string()
    .optional()
    .transform((s) =>
      (s ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .refine((urls) => urls.every((u) => /^https?:\/\/[^\s]+$/.test(u) && URL.canParse(u)), 'each must be an http:// or https:// URL'),
  // The console's address as people reach it: the webhooks' externalURL and each alert's link.
  CORRIDOR_CONSOLE_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).default('http://localhost:8080'),
});

export type ControlPlaneConfig = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  fleetFile: string;
  /** Folder of the placement policy pack (every *.yaml in it); DEFAULT_POLICY_DIR unless configured. */
  policyDir: string;
  /** Folder of the alert rules (every *.yaml in it); DEFAULT_ALERTS_DIR when absent. */
  alertsDir?: string;
  /** Absent when the simulator is off. */
  simulator?: SimulatorOptions;
  /** How long raw samples are kept (rollups keep longer); default 48 h. */
  rawRetentionMs?: number;
  /** The BFF's credential: every /v1 call carries it, and it keys the acting user's signature. */
  serviceToken: string;
  /** The audit chain's key; absent: `<dataDir>/audit-key` (generated owner-only at first start). */
  auditKey?: string;
  /** Audit keys rotated out: records and anchors made with them still verify. */
  auditKeysPrevious?: string[];
  /** How often the chain's head is appended to `<dataDir>/audit-anchors.jsonl`; default 60 s. */
  auditAnchorMs?: number;
  /** Webhooks every alert notification is posted to (Alertmanager format); none: no notifications. */
  alertWebhooks?: string[];
  /** The console's address (the webhooks' externalURL and alert links); default http://localhost:8080. */
  consoleUrl?: string;
};

/** Reads the environment; throws one message listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ControlPlaneConfig {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`control plane configuration is invalid:\n${lines.join('\n')}`);
  }
  const c = result.data;
  return {
    port: c.CONTROL_PLANE_PORT,
    host: c.CONTROL_PLANE_HOST,
    ...storeOptionsFrom(c),
    fleetFile: resolve(c.CORRIDOR_FLEET_FILE),
    policyDir: resolve(c.CORRIDOR_POLICY_DIR),
    alertsDir: resolve(c.CORRIDOR_ALERTS_DIR),
    ...(c.CORRIDOR_SIMULATOR === 'on' ? { simulator: { seed: c.CORRIDOR_SIM_SEED, tickMs: c.CORRIDOR_SIM_TICK_MS, timeWarp: c.CORRIDOR_SIM_TIME_WARP, ...skipSites(c.CORRIDOR_SIM_SKIP_SITES) } } : {}),
    rawRetentionMs: c.CORRIDOR_RAW_RETENTION_HOURS * 3_600_000,
    serviceToken: c.CORRIDOR_SERVICE_TOKEN,
    ...(c.CORRIDOR_AUDIT_KEY ? { auditKey: c.CORRIDOR_AUDIT_KEY } : {}),
    auditKeysPrevious: c.CORRIDOR_AUDIT_KEYS_PREVIOUS,
    auditAnchorMs: c.CORRIDOR_AUDIT_ANCHOR_SECONDS * 1000,
    alertWebhooks: c.CORRIDOR_ALERT_WEBHOOKS,
    consoleUrl: c.CORRIDOR_CONSOLE_URL,
  };
}

/** Site ids from CORRIDOR_SIM_SKIP_SITES (blank: none). */
function skipSites(list: string): { skipSites?: string[] } {
  const ids = list
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return ids.length ? { skipSites: ids } : {};
}
