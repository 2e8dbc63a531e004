import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '@corridor/store';
import type { Alert, StreamEvent } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { parseAlertRules } from '../src/alerts/alert-rules.ts';
import { AlertService } from '../src/alerts/alert-service.ts';
import { auditKeyring, withAuditKeys } from '../src/audit/audit-keys.ts';
import { EventBus } from '../src/events/event-bus.ts';
import { FleetService } from '../src/fleet/fleet-service.ts';
import { syncFleet } from '../src/fleet/fleet-store.ts';
import { migrate } from '../src/store/migrate.ts';
import { freshStore } from './stores.ts';

const FOR_MS = 1000;
/** GPU max temperature > 85 °C for 1 s. */
const RULES = parseAlertRules([
  {
    name: 'test.yaml',
    text: JSON.stringify({
      rules: [{ id: 'gpu-hot', metric: 'gpu_temperature_max_celsius', scope: 'site', condition: '>', threshold: 85, unit: '°C', for: '1s', severity: 'critical', summary: 'hot', runbook: 'Cool it.' }],
    }),
  },
]);

describe('a pending alert fires once `for` has passed since its first sample, on the real clock', () => {
  let db: Db;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const store = await freshStore('pglite');
    db = withAuditKeys(await openDb(store), auditKeyring('k'.repeat(32)));
    cleanup = async () => {
      await db.close();
      await store.cleanup();
    };
    await migrate(db);
    await syncFleet(db, buildFleetFile(), 'v1');
  });
  afterAll(() => cleanup?.());

  it('without another sample and without a tick of the alert clock', async () => {
    const bus = new EventBus(1000);
    const firing = new Promise<{ alert: Alert; atMs: number }>((resolve) =>
      bus.subscribe((e: StreamEvent) => {
        if (e.type === 'alert' && e.data.state === 'firing') resolve({ alert: e.data, atMs: Date.now() });
      }),
    );
    const alerts = new AlertService({ db, bus, fleet: new FleetService(db), rules: RULES });
    await alerts.start();
    try {
      const sentAt = Date.now();
      // One sample over the threshold, then nothing: a series sampled every 15 s would send its next one much later.
      alerts.observe([{ metric: 'gpu_temperature_max_celsius', siteId: 'site-a', at: sentAt, value: 92 }]);
      const { alert, atMs } = await firing;
      expect(alert).toMatchObject({ ruleId: 'gpu-hot', siteId: 'site-a', state: 'firing' });
      expect(atMs - sentAt).toBeGreaterThanOrEqual(FOR_MS);
    } finally {
      alerts.close();
      await alerts.flush();
    }
  });
});
