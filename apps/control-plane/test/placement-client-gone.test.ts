import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '@corridor/store';
import { WorkloadRequestSchema } from '@corridor/shared';
import { buildCluster, buildFleetFile } from '@corridor/shared/testing';
import { EventBus } from '../src/events/event-bus.ts';
import { LiveState } from '../src/events/live-state.ts';
import { FleetService } from '../src/fleet/fleet-service.ts';
import { loadPolicyPack } from '../src/placement/policy-pack.ts';
import { ClientGoneError, WorkloadService } from '../src/placement/workload-service.ts';
import { placementHarness, POLICY_DIR, workloadBody, type PlacementHarness } from './placement-harness.ts';
import { STORE_KINDS } from './stores.ts';

const fleet = buildFleetFile();
fleet.sites = [{ ...fleet.sites[0]!, clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 80 })] }];
fleet.links = [];

const request = WorkloadRequestSchema.parse(workloadBody({ gpus: { count: 8, model: 'H100' } }));
const operator = { actor: 'amina' };

/**
 * The store, with `onStatement` told of every statement a transaction sends (to make the client leave at
 * that moment). The transaction itself is handed on, its `query` wrapped in place: whatever the store
 * attaches to it (the audit keyring) stays attached.
 */
function watched(db: Db, onStatement: (sql: string) => void): Db {
  return {
    kind: db.kind,
    query: (sql, params) => db.query(sql, params),
    close: () => db.close(),
    transaction: (fn) =>
      db.transaction((tx: Queryable) => {
        const send = tx.query.bind(tx);
        tx.query = (sql, params) => {
          onStatement(sql);
          return send(sql, params);
        };
        return fn(tx);
      }),
  };
}

describe.each(STORE_KINDS)('a commit whose client is gone, on %s', (kind) => {
  let h: PlacementHarness;
  beforeAll(async () => {
    h = await placementHarness(kind, fleet);
  });
  afterAll(async () => {
    await h?.close();
  });

  const service = (onStatement: (sql: string) => void = () => {}) =>
    new WorkloadService({ db: watched(h.cp.db, onStatement), fleet: new FleetService(h.cp.db), live: new LiveState(new EventBus()), policy: loadPolicyPack(POLICY_DIR) });
  const stored = (key: string) => h.count('idempotency_keys', `key = '${key}'`);
  const workloads = () => h.count('workloads');

  it('stops before any work when the client left while it waited', async () => {
    const before = await workloads();
    const gone = new AbortController();
    gone.abort();
    await expect(service().commit(request, { ...operator, idempotencyKey: 'gone-early', signal: gone.signal })).rejects.toBeInstanceOf(ClientGoneError);
    expect(await workloads()).toBe(before);
  });

  it('rolls back when the client leaves in the middle of the transaction; a retry with its key then commits once', async () => {
    const before = await workloads();
    const gone = new AbortController();
    const leaving = service((sql) => {
      if (sql.includes('INSERT INTO idempotency_keys')) gone.abort();
    });
    await expect(leaving.commit(request, { ...operator, idempotencyKey: 'gone-mid', signal: gone.signal })).rejects.toBeInstanceOf(ClientGoneError);
    expect(await workloads()).toBe(before);
    expect(await stored('gone-mid')).toBe(0);

    const retry = await h.call('POST', '/v1/workloads', request, { 'Idempotency-Key': 'gone-mid' });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect(await workloads()).toBe(before + 1);
  });

  it('keeps a commit that got past COMMIT before the client left; a retry with its key answers that workload', async () => {
    const before = await workloads();
    const gone = new AbortController();
    const { workload } = await service().commit(request, { ...operator, idempotencyKey: 'gone-late', signal: gone.signal });
    gone.abort();
    const retry = await h.call('POST', '/v1/workloads', request, { 'Idempotency-Key': 'gone-late' });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(workload.id);
    expect(await workloads()).toBe(before + 1);
  });
});
