import type { TestProject } from 'vitest/node';
import { migrateControlPlane, provideTemplates } from '../../control-plane/test/pglite-template.global-setup.ts';
import { openIdentityStore } from '../src/identity/identity-store.ts';

// The BFF's tests start stores of both services (a real control plane behind the BFF): a template of each.
export default (project: TestProject) =>
  provideTemplates(project, {
    'control-plane': migrateControlPlane,
    bff: async (dataDir) => (await openIdentityStore({ dataDir })).close(),
  });
