import type { Candidate, Plan, RejectedSite, ScorePart } from '@corridor/shared';

/** Builders for plans in the web tests: a valid object with the given overrides. */
const part = (overrides: Partial<ScorePart> = {}): ScorePart => ({ score: 0.5, weight: 0.25, value: 1, unit: 'ms', basis: 'test', ...overrides });

export function buildCandidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    siteId: 'usdc-tangier-1',
    rank: 1,
    score: 0.8123,
    parts: {
      latency: part({ value: 4.3, unit: 'ms', score: 0.78, weight: 0.35 }),
      carbon: part({ value: 551, unit: 'gCO2/kWh', score: 0.31, weight: 0.3 }),
      cost: part({ value: 0.09, unit: 'USD/kWh', score: 0.55, weight: 0.2 }),
      capacity: part({ value: 0.0208, unit: 'share of free H100', score: 0.0208, weight: 0.15 }),
      scarcity: part({ value: 0, unit: 'regulated-demand pressure', score: 1, weight: 0 }),
    },
    gpuModel: 'H100',
    freeGpus: 3072,
    powerKw: 76.8,
    rttMs: 4.3,
    ...overrides,
  };
}

export function buildRejected(overrides: Partial<RejectedSite> = {}): RejectedSite {
  return {
    siteId: 'usdc-madrid-1',
    reasons: [{ code: 'JURISDICTION_NOT_ALLOWED', message: 'Spain is not allowed for this data.', ruleId: 'ma-personal-data' }],
    ...overrides,
  };
}

export function buildPlan(overrides: Partial<Plan> = {}): Plan {
  return {
    policyVersion: 'sha256:0123456789abcdef0123',
    fleetVersion: 'fleet-1',
    at: '2026-03-01T10:00:00.000Z',
    matchedRules: [{ id: 'ma-personal-data', title: 'Moroccan personal data stays in Morocco (Law 09-08)' }],
    notes: ['Policy rules are illustrative, not legal advice.'],
    candidates: [buildCandidate()],
    rejected: [buildRejected()],
    ...overrides,
  };
}
