import type { DrainPlan } from '@corridor/shared';
import { describe, expect, it } from 'vitest';
import { marginText, progressText, reviewOf, timeLeft } from './plan-review.ts';

const names: Record<string, string> = { 'ma-benguerir-1': 'Benguerir 1', 'ma-casa-2': 'Casablanca 2', 'ma-rabat-1': 'Rabat 1', 'fr-marseille-1': 'Marseille 1' };
const siteName = (id: string) => names[id] ?? id;

const plan = (overrides: Partial<DrainPlan> = {}): DrainPlan => ({
  id: 'dp-1',
  siteId: 'ma-benguerir-1',
  createdAt: '2026-12-03T12:00:00Z',
  createdBy: 'olga',
  expiresAt: '2026-12-03T12:10:00Z',
  moves: [
    {
      workloadId: 'wl-a',
      workloadName: 'training-a',
      tenant: 'acme',
      gpuModel: 'H100',
      gpuCount: 8,
      to: 'ma-casa-2',
      score: 0.8234,
      alternatives: [{ siteId: 'ma-rabat-1', score: 0.71 }],
      reasons: [],
    },
    {
      workloadId: 'wl-b',
      workloadName: 'records-b',
      tenant: 'health',
      gpuCount: 1,
      to: null,
      alternatives: [],
      reasons: [
        { siteId: 'fr-marseille-1', reasons: [{ code: 'JURISDICTION_NOT_ALLOWED', message: 'Moroccan health data stays in Morocco.', ruleId: 'ma-health' }] },
        { siteId: 'ma-casa-2', reasons: [{ code: 'INSUFFICIENT_GPUS', message: 'Not enough GPUs free.', margin: { needed: 1, available: 0, unit: 'H100' } }] },
      ],
    },
  ],
  capacityEffect: [{ siteId: 'ma-casa-2', gpuModel: 'H100', freeBefore: 24, freeAfter: 16 }],
  blocked: 1,
  ...overrides,
});

describe('drain plan review', () => {
  it('says how many workloads can move and how many cannot', () => {
    const review = reviewOf(plan(), siteName);
    expect(review.headline).toBe('2 workloads on Benguerir 1: 1 can move, 1 has no lawful destination.');
    expect([review.movable, review.blocked, review.canExecute]).toEqual([1, 1, true]);
  });

  it('gives each movable workload its destination with its score and the alternatives, by name', () => {
    const [move] = reviewOf(plan(), siteName).moves;
    expect(move).toMatchObject({ gpus: '8 × H100', destination: { name: 'Casablanca 2', score: 'score 0.82 / 1' }, alternatives: [{ name: 'Rabat 1', score: 'score 0.71 / 1' }], refusals: [] });
  });

  it('gives a blocked workload every site’s reasons, margins with their units', () => {
    const blocked = reviewOf(plan(), siteName).moves[1]!;
    expect(blocked.destination).toBeUndefined();
    expect(blocked.gpus).toBe('1 GPU');
    expect(blocked.refusals).toEqual([
      { siteId: 'fr-marseille-1', name: 'Marseille 1', reasons: [{ code: 'JURISDICTION_NOT_ALLOWED', text: 'Moroccan health data stays in Morocco.' }] },
      { siteId: 'ma-casa-2', name: 'Casablanca 2', reasons: [{ code: 'INSUFFICIENT_GPUS', text: 'Not enough GPUs free. (needs 1 H100, 0 H100 available)' }] },
    ]);
  });

  it('shows the capacity effect per destination with units, and flags an overbooking', () => {
    const review = reviewOf(
      plan({
        capacityEffect: [
          { siteId: 'ma-casa-2', gpuModel: 'H100', freeBefore: 24, freeAfter: 16 },
          { siteId: 'ma-rabat-1', gpuModel: 'B200', freeBefore: 2, freeAfter: -6 },
        ],
      }),
      siteName,
    );
    expect(review.capacity.map((c) => [c.name, c.text, c.overbooked])).toEqual([
      ['Casablanca 2', '24 → 16 H100 free (−8 GPUs)', false],
      ['Rabat 1', '2 → -6 B200 free (−8 GPUs)', true],
    ]);
  });

  it('offers no execution when nothing can move, and says when there is nothing to drain', () => {
    const onlyBlocked = plan();
    onlyBlocked.moves = [onlyBlocked.moves[1]!];
    expect(reviewOf(onlyBlocked, siteName).canExecute).toBe(false);
    const empty = reviewOf(plan({ moves: [], capacityEffect: [], blocked: 0 }), siteName);
    expect([empty.headline, empty.canExecute]).toEqual(['No workload runs on Benguerir 1: nothing to drain.', false]);
  });

  it('writes margins with units, latency as a bound', () => {
    expect(marginText({ needed: 40, available: 52.345, unit: 'ms' })).toBe('needs ≤ 40 ms, 52.35 ms here');
    expect(marginText({ needed: 1200, available: 800, unit: 'kW' })).toBe('needs 1,200 kW, 800 kW available');
  });
});

describe('drain progress', () => {
  it('counts items by state', () => {
    expect(progressText([{ state: 'moved' }, { state: 'migrating' }, { state: 'blocked' }, { state: 'moved' }])).toBe('2 of 4 workloads moved · 1 migrating · 1 blocked');
    expect(progressText([])).toBe('0 of 0 workloads moved');
  });

  it('says the time left before the deadline, or how late', () => {
    const now = Date.parse('2026-12-03T12:00:00Z');
    expect(timeLeft('2026-12-03T12:04:20Z', now)).toBe('4 min 20 s left');
    expect(timeLeft('2026-12-03T11:59:48Z', now)).toBe('12 s overdue');
    expect(timeLeft('2026-12-03T14:30:00Z', now)).toBe('2 h 30 min left');
  });
});
