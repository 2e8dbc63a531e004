import type { Alert } from '@corridor/shared';

/** A firing alert with every field the contract requires; tests override what they are about. */
export function buildAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'al-1',
    ruleId: 'cable-cut',
    severity: 'critical',
    state: 'firing',
    linkId: 'medusa-nador-marseille',
    summary: 'Cable cut suspected on Medusa: loss 100 %',
    value: 100,
    unit: '%',
    runbook: 'Call the cable operator.',
    startsAt: '2026-12-03T12:00:00.000Z',
    firingAt: '2026-12-03T12:00:00.000Z',
    silencedBy: [],
    inMaintenance: false,
    notification: { state: 'none', attempts: 0 },
    ...overrides,
  };
}
