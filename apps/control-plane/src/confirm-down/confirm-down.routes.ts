import { IdSchema, SiteHealthSchema } from '@corridor/shared';
import { actingAs } from '../auth/acting-as.ts';
import { personWith, v1Route } from '../auth/route-access.ts';
import type { ConfirmDownService } from './confirm-down-service.ts';

export interface ConfirmDownRouteDeps {
  confirmDown: ConfirmDownService;
}

const route = v1Route<ConfirmDownRouteDeps>();
const SiteParam = { id: { schema: IdSchema, what: 'site id' } };

/** An operator confirms a site down (its workloads move as for an observed site-down) or withdraws it. */
export const confirmDownRoutes = [
  route({
    method: 'post',
    path: '/sites/:id/confirm-down',
    access: personWith('noc:operate'),
    tag: 'maintenance',
    summary: 'Confirm a site down: it reads down everywhere and its workloads are re-placed',
    request: { params: SiteParam },
    responses: { 200: { description: "The site's health, down (confirmed by the acting user).", body: SiteHealthSchema } },
    errors: [404],
    handler: ({ params, req, deps }) => deps.confirmDown.confirm(params.id, actingAs(req).actor),
  }),
  route({
    method: 'delete',
    path: '/sites/:id/confirm-down',
    access: personWith('noc:operate'),
    tag: 'maintenance',
    summary: "Withdraw a site's confirmation of down: its own evidence speaks again",
    request: { params: SiteParam },
    responses: { 200: { description: "The site's health without the confirmation.", body: SiteHealthSchema } },
    errors: [404],
    handler: ({ params, req, deps }) => deps.confirmDown.withdraw(params.id, actingAs(req).actor),
  }),
];
