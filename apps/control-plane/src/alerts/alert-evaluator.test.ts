import { describe, expect, it } from 'vitest';
import { newSeries, onClock, onSample, type Transition } from './alert-evaluator.ts';
import { parseAlertRules, type AlertRule } from './alert-rules.ts';

/** A rule on GPU temperature > 85 °C, with the timing fields given. */
function ruleWith(fields: Record<string, unknown>): AlertRule {
  const rule = { id: 'hot', metric: 'gpu_temperature_max_celsius', scope: 'site', condition: '>', threshold: 85, unit: '°C', severity: 'critical', summary: 's', runbook: 'r', ...fields };
  return parseAlertRules([{ name: 'a.yaml', text: JSON.stringify({ rules: [rule] }) }])[0]!;
}

/** Feeds [second, value] samples (one per second unless said) and returns the transition of each, by second. */
function run(rule: AlertRule, samples: [number, number][]): Record<number, Transition> {
  const state = newSeries();
  const out: Record<number, Transition> = {};
  for (const [s, value] of samples) {
    const t = onSample(rule, state, s * 1000, value, s * 1000, rule.threshold as number);
    if (t) out[s] = t;
  }
  return out;
}

describe('rule evaluation, per series', () => {
  it.each([
    [
      'for 0: fires on the first sample over',
      { for: '0s' },
      [
        [0, 80],
        [1, 90],
        [2, 90],
      ],
      { 1: 'firing' },
    ],
    [
      'for 3 s: pending, then firing once held 3 s',
      { for: '3s' },
      [
        [0, 90],
        [1, 90],
        [2, 90],
        [3, 90],
        [4, 90],
      ],
      { 0: 'pending', 3: 'firing' },
    ],
    [
      'for 3 s: a dip before 3 s ends the pending episode (never fired)',
      { for: '3s' },
      [
        [0, 90],
        [1, 90],
        [2, 80],
        [3, 90],
      ],
      { 0: 'pending', 2: 'aborted', 3: 'pending' },
    ],
    [
      'exactly the threshold does not meet ">"',
      { for: '0s' },
      [
        [0, 85],
        [1, 85.01],
      ],
      { 1: 'firing' },
    ],
    [
      'clearFor defaults to for: one clear sample is not enough',
      { for: '2s' },
      [
        [0, 90],
        [1, 90],
        [2, 90],
        [3, 80],
        [4, 90],
        [5, 80],
        [6, 80],
        [7, 80],
      ],
      { 0: 'pending', 2: 'firing', 7: 'resolved' },
    ],
    [
      'hysteresis: hovering at the threshold while firing does not resolve',
      { for: '0s', clearFor: '3s' },
      [
        [0, 90],
        [1, 84],
        [2, 86],
        [3, 84],
        [4, 86],
        [5, 84],
        [6, 84],
        [7, 84],
        [8, 84],
      ],
      { 0: 'firing', 8: 'resolved' },
    ],
    [
      'clearFor 0: resolves on the first clear sample',
      { for: '0s', clearFor: '0s' },
      [
        [0, 90],
        [1, 80],
      ],
      { 0: 'firing', 1: 'resolved' },
    ],
  ] as [string, Record<string, unknown>, [number, number][], Record<number, Transition>][])('%s', (_case, timing, samples, expected) => {
    expect(run(ruleWith(timing), samples)).toEqual(expected);
  });

  it('ignores a late or repeated sample (it says nothing newer)', () => {
    const rule = ruleWith({ for: '0s', clearFor: '0s' });
    expect(
      run(rule, [
        [5, 90],
        [3, 80],
        [5, 80],
        [6, 90],
      ]),
    ).toEqual({ 5: 'firing' });
  });

  it('keeps the last value that met the condition while firing, and the clearing one once resolved', () => {
    const rule = ruleWith({ for: '0s', clearFor: '2s' });
    const state = newSeries();
    onSample(rule, state, 0, 91, 0, rule.threshold as number);
    onSample(rule, state, 1000, 80, 1000, rule.threshold as number);
    expect(state.value).toBe(91);
    onSample(rule, state, 3000, 79, 3000, rule.threshold as number);
    expect(state).toMatchObject({ phase: 'inactive', value: 79 });
  });

  it('never fires on a threshold the entity cannot give (NaN)', () => {
    const rule = ruleWith({ for: '0s' });
    const state = newSeries();
    expect(onSample(rule, state, 0, 1e6, 0, Number.NaN)).toBeUndefined();
  });
});

describe('no data (absent), on the clock', () => {
  const rule = parseAlertRules([
    {
      name: 'a.yaml',
      text: JSON.stringify({ rules: [{ id: 'quiet', metric: 'site_availability_ratio', scope: 'site', condition: 'absent', intervals: 3, severity: 'major', summary: 's', runbook: 'r' }] }),
    },
  ])[0]!;

  it('fires after 3 missed intervals of the series’ own cadence, resolves on the next sample', () => {
    const state = newSeries();
    // Samples every 5 s: its cadence is 5 s.
    for (const s of [0, 5, 10]) onSample(rule, state, s * 1000, 1, s * 1000, undefined);
    expect(onClock(rule, state, 24_000)).toBeUndefined(); // 14 s after the last: under 3 × 5 s
    expect(onClock(rule, state, 25_000)).toBe('firing');
    expect(state.value).toBeNull();
    expect(onClock(rule, state, 60_000)).toBeUndefined(); // already firing: no second transition
    expect(onSample(rule, state, 61_000, 1, 61_000, undefined)).toBe('resolved');
  });

  it('never fires for a series that never reported (a planned site is no-data, not an alert)', () => {
    expect(onClock(rule, newSeries(), 10 * 3_600_000)).toBeUndefined();
  });

  it('does not take one short gap (an extra tick) for the cadence: the episode outlives it', () => {
    const hot = ruleWith({ for: '2s' });
    const state = newSeries();
    for (const ms of [0, 500, 1000, 1050]) onSample(hot, state, ms, 90, ms, 85);
    expect(state.phase).toBe('pending');
    expect(onClock(hot, state, 1050 + 3 * 50)).toBeUndefined();
    expect(onClock(hot, state, 1050 + 900)).toBeUndefined();
    expect(onSample(hot, state, 2050, 90, 2050, 85)).toBe('firing');
  });

  it('fires a pending episode by the clock once `for` has passed since its first sample arrived, without waiting for the next sample', () => {
    const hot = ruleWith({ for: '2s' });
    const state = newSeries();
    // Sampled every 5 s, arriving 100 ms after its sample time: the next sample would come 3 s after `for` has passed.
    onSample(hot, state, 0, 80, 100, 85);
    expect(onSample(hot, state, 5000, 90, 5100, 85)).toBe('pending');
    expect(onClock(hot, state, 7099)).toBeUndefined();
    expect(onClock(hot, state, 7100)).toBe('firing');
    expect(state.phase).toBe('firing');
  });

  it('does not fire by the clock an episode a sample has ended', () => {
    const hot = ruleWith({ for: '2s' });
    const state = newSeries();
    onSample(hot, state, 0, 90, 0, 85);
    expect(onSample(hot, state, 1000, 80, 1000, 85)).toBe('aborted');
    expect(onClock(hot, state, 2000)).toBeUndefined();
    expect(state.phase).toBe('inactive');
  });

  it('ends a threshold episode when its series goes stale for 3 intervals', () => {
    const hot = ruleWith({ for: '0s' });
    const state = newSeries();
    onSample(hot, state, 0, 90, 0, 85);
    onSample(hot, state, 1000, 90, 1000, 85);
    expect(state.phase).toBe('firing');
    expect(onClock(hot, state, 3500)).toBeUndefined();
    expect(onClock(hot, state, 4000)).toBe('resolved');
    expect(state.value).toBeNull();
  });
});
