import { CapacityForecastSchema, ForecastQuerySchema, HeadroomQuerySchema, SiteLossRequestSchema, SiteLossSchema, SovereignHeadroomSchema } from '@corridor/shared';
import { actingAs } from '../auth/acting-as.ts';
import { personWith, v1Route } from '../auth/route-access.ts';
import type { SovereignCapacityService } from './headroom-service.ts';

export interface SovereignCapacityRouteDeps {
  sovereign: SovereignCapacityService;
}

const route = v1Route<SovereignCapacityRouteDeps>();

const TENANT_NOTE =
  'A tenant user sees the classes of its own workloads only, and only its own workloads in committed figures, demand and N-1 lists; lawful, free and pipeline figures are the fleet’s supply, which its own plans already show.';

/**
 * Sovereign headroom, N-1 and forecast (issue 12). A person must be named: what a tenant sees depends on
 * who asks. Every one is a read: nothing is reserved, moved or audited.
 */
export const sovereignCapacityRoutes = [
  route({
    method: 'get',
    path: '/capacity/headroom',
    access: personWith('fleet:read'),
    tag: 'capacity',
    summary: 'Sovereign headroom: per regulated demand class of the policy pack, the GPUs and MW lawful, committed, free now and in the pipeline by quarter',
    description: `Each class is a rule of the policy pack with the request shape that makes it apply; the sites counted are the ones the placement engine accepts for that request. The answer says whether \`gpus\` GPUs (of \`model\`) could be served now and where. ${TENANT_NOTE}`,
    request: {
      query: {
        schema: HeadroomQuerySchema,
        what: 'headroom query',
        notes: { gpus: 'The GPUs asked of every class (default 2000).', model: 'The GPU model asked (any model when absent).' },
      },
    },
    responses: { 200: { description: 'Headroom per class, as of now.', body: SovereignHeadroomSchema } },
    handler: ({ query, req, deps }) => deps.sovereign.headroom(query, actingAs(req)),
  }),
  route({
    method: 'post',
    path: '/capacity/site-loss',
    access: personWith('fleet:read'),
    tag: 'capacity',
    summary: 'N-1: what losing one site would do — workloads re-placed lawfully elsewhere or stranded, and the lawful headroom left per class',
    description: `A read, though a POST (the question has a body): nothing is reserved, moved or audited, and the answer says \`dryRun: true\`. The re-placement is the drain planner's dry run of that site. ${TENANT_NOTE}`,
    request: { body: { schema: SiteLossRequestSchema, what: 'site-loss question' } },
    responses: { 200: { description: 'The what-if, as of now.', body: SiteLossSchema } },
    errors: [404],
    handler: ({ body, req, deps }) => deps.sovereign.siteLoss(body, actingAs(req)),
  }),
  route({
    method: 'get',
    path: '/capacity/forecast',
    access: personWith('fleet:read'),
    tag: 'capacity',
    summary: 'Forecast: committed demand per class over the past weeks, projected against lawful supply for the next 8 quarters',
    description: `The method is stated in the answer (\`method.description\`); the first quarter where projected demand exceeds lawful supply is flagged. ${TENANT_NOTE}`,
    request: { query: { schema: ForecastQuerySchema, what: 'forecast query', notes: { weeks: 'Weeks of commits the trend is fitted on (default 12).' } } },
    responses: { 200: { description: 'Demand and lawful supply per class.', body: CapacityForecastSchema } },
    handler: ({ query, req, deps }) => deps.sovereign.forecast(query, actingAs(req)),
  }),
];
