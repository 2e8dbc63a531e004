import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

/** Where each service keeps its PGlite folder under its data dir (control plane: store/db.ts; BFF: identity-store.ts). */
export const PGLITE_LAYOUT = { 'control-plane': 'pglite', bff: join('bff', 'pglite') } as const;
export type PgliteLayout = keyof typeof PGLITE_LAYOUT;

/**
 * Puts a PGlite cluster where `service` will open its store under `dataDir`, unless one is there already (a restart,
 * a store a test prepared): what PGlite's initdb would make, copied in ~50 ms instead of run for seconds. Empty
 * unless `migrated`: then with the service's migrations applied, as after its first start (the service still
 * checks them, and seeds its data itself).
 */
export function seedPglite(dataDir: string, service: PgliteLayout = 'control-plane', { migrated = false } = {}): string {
  const dir = join(dataDir, PGLITE_LAYOUT[service]);
  if (existsSync(dir)) return dataDir;
  const templates = inject('pgliteTemplates');
  const template = migrated ? templates[service] : templates.empty;
  if (!template) throw new Error(`no migrated PGlite template for the ${service} in this project (see its vitest.config globalSetup)`);
  cpSync(template, dir, { recursive: true });
  return dataDir;
}
