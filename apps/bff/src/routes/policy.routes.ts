import { PolicyReloadSchema } from '@corridor/shared';
import type { PolicyService } from '../services/policy-service.ts';
import { apiRoute, noStore, UPSTREAM_ERRORS } from './api-route.ts';

export interface PolicyRouteDeps {
  policies: PolicyService;
}

const route = apiRoute<PolicyRouteDeps>();

/** The policy pack's reload (GET /api/policy, the pack in force, is with the placement routes). */
export const policyRoutes = [
  route({
    method: 'post',
    path: '/policy/reload',
    access: 'policy:admin',
    tag: 'policy',
    summary: 'Reload the policy pack and re-check the placed and running workloads against it',
    description:
      'The control plane reads its policy folder again (as on SIGHUP). A valid new version is put in force and every placed and running workload is evaluated against it at its site: one no longer lawful there is flagged (`policyFlag`, listed by `GET /api/workloads?flagged=true`) and audited, never moved. An invalid pack is refused (409, with the reason) and the version in force stays.',
    responses: { 200: { description: 'The versions before and after, and what the re-check found.', body: PolicyReloadSchema } },
    errors: [409, ...UPSTREAM_ERRORS],
    handler: ({ res, deps }) => {
      noStore(res);
      return deps.policies.reload();
    },
  }),
];
