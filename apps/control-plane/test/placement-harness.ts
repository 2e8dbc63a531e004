import { createLogger, type ActingUser } from '@corridor/http-kit';
import { CapacitySchema, type FleetFile, type SiteCapacity, type WorkloadRequestInput } from '@corridor/shared';
import { DEFAULT_POLICY_DIR } from '../src/config.ts';
import { startControlPlane, type RunningControlPlane } from '../src/control-plane.ts';
import { actingHeaders, serviceHeaders, USERS } from './auth.ts';
import { configFor, freshStore, type StoreKind } from './stores.ts';

const logger = createLogger('placement-test', 'silent');

export { DEFAULT_POLICY_DIR as POLICY_DIR } from '../src/config.ts';

export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads an arbitrary JSON answer by path and asserts the shape it reads
  body: any;
}

export interface PlacementHarness {
  cp: RunningControlPlane;
  /** JSON request to the control plane as the operator `amina` (service credential + signed acting user); `headers` adds to them. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** The same as `user`, or as the BFF itself (service credential only) when `user` is null. */
  callAs(user: ActingUser | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** The same with exactly `headers` (besides the JSON content type): no credential unless given. */
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** The site's capacity row from GET /v1/capacity. */
  capacityOf(siteId: string): Promise<SiteCapacity>;
  /** Rows of a table, straight from the store (to prove nothing was written). */
  count(table: 'workloads' | 'audit_log' | 'idempotency_keys', where?: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * A real control plane on a fresh store of the given kind, with the default policy pack. The simulator
 * is off unless asked for; then it ticks only at start and when a test asks (its timer is an hour).
 */
export async function placementHarness(kind: StoreKind, fleet: FleetFile, options: { simulator?: boolean } = {}): Promise<PlacementHarness> {
  const store = await freshStore(kind, 'control-plane', { migrated: true });
  const simulator = options.simulator ? { simulator: { seed: 7, tickMs: 3_600_000, timeWarp: 1 } } : {};
  let cp: RunningControlPlane;
  try {
    cp = await startControlPlane({ ...configFor(store, fleet), policyDir: DEFAULT_POLICY_DIR, ...simulator }, logger);
  } catch (error) {
    await store.cleanup();
    throw error;
  }

  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(cp.url + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: kept as text for the assertion to show */
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
  const callAs = (user: ActingUser | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    send(method, path, body, { ...(user ? actingHeaders(user) : serviceHeaders()), ...headers });
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => callAs(USERS.operator, method, path, body, headers);

  return {
    cp,
    call,
    callAs,
    send,
    async capacityOf(siteId) {
      const { body } = await call('GET', '/v1/capacity');
      const site = CapacitySchema.parse(body).sites.find((s) => s.siteId === siteId);
      if (!site) throw new Error(`no capacity row for ${siteId}`);
      return site;
    },
    async count(table, where = 'true') {
      return (await cp.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`)).rows[0]!.n;
    },
    async close() {
      await cp.close();
      await store.cleanup();
    },
  };
}

/** A valid request body: 64 H100 for commercial internal data from Morocco (no policy rule matches). */
export function workloadBody(overrides: Partial<WorkloadRequestInput> = {}): WorkloadRequestInput {
  return {
    name: 'fraud model training',
    tenant: 'bank-of-test',
    kind: 'training',
    sector: 'commercial',
    dataClass: 'internal',
    dataOrigin: 'MA',
    gpus: { count: 64, model: 'H100' },
    ...overrides,
  };
}
