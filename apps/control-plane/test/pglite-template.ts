import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

/** Where each service keeps its PGlite folder under its data dir (control plane: store/db.ts; BFF: identity-store.ts). */
export const PGLITE_LAYOUT = { 'control-plane': 'pglite', bff: join('bff', 'pglite') } as const;
export type PgliteLayout = keyof typeof PGLITE_LAYOUT;

/**
 * Puts a freshly initialised, empty PGlite cluster where `service` will open its store under `dataDir`, unless one
 * is there already (a restart, a store a test prepared): what PGlite's initdb would make, copied in ~50 ms instead
 * of run for seconds. Nothing is migrated or seeded: the service still does all of that itself.
 */
export function seedPglite(dataDir: string, service: PgliteLayout = 'control-plane'): string {
  const dir = join(dataDir, PGLITE_LAYOUT[service]);
  if (!existsSync(dir)) cpSync(inject('pgliteTemplate'), dir, { recursive: true });
  return dataDir;
}
