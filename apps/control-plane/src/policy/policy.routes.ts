import { PolicyReloadSchema } from '@corridor/shared';
import { actingAs } from '../auth/acting-as.ts';
import { personWith, v1Route } from '../auth/route-access.ts';
import type { PolicyService } from './policy-service.ts';

export interface PolicyRouteDeps {
  policies: PolicyService;
}

const route = v1Route<PolicyRouteDeps>();

/** Reloading the policy pack (GET /v1/policy, the pack in force, is with the placement routes). */
export const policyRoutes = [
  route({
    method: 'post',
    path: '/policy/reload',
    access: personWith('policy:admin'),
    tag: 'policy',
    summary: 'Reload the policy pack from its folder and re-check the placed and running workloads against it',
    responses: { 200: { description: 'The versions before and after, and what the re-check flagged; nothing is moved.', body: PolicyReloadSchema } },
    errors: [409],
    handler: ({ req, deps }) => deps.policies.reload(actingAs(req).actor),
  }),
];
