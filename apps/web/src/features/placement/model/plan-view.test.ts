import { afterEach, describe, expect, it } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { buildCandidate, buildPlan, buildRejected } from '../testing/plan-builders.ts';
import { formatFigure, formatMargin, matchedRuleDetails, planMarks, planRows } from './plan-view.ts';

const sites = new Map([
  ['usdc-tangier-1', { name: 'USDC Tangier 1', country: 'MA' }],
  ['orange-tech-casablanca', { name: 'Orange Tech Casablanca', country: 'MA' }],
  ['usdc-madrid-1', { name: 'USDC Madrid 1', country: 'ES' }],
  ['atlantic-ashburn-1', { name: 'Atlantic Ashburn 1', country: 'US' }],
]);

const plan = buildPlan({
  candidates: [buildCandidate({ siteId: 'orange-tech-casablanca', rank: 2, score: 0.6 }), buildCandidate({ siteId: 'usdc-tangier-1', rank: 1 })],
  rejected: [
    buildRejected({
      siteId: 'usdc-madrid-1',
      reasons: [
        { code: 'JURISDICTION_NOT_ALLOWED', message: 'Spain is not allowed.', ruleId: 'ma-personal-data' },
        { code: 'GPU_MODEL_UNAVAILABLE', message: 'No H100 here.' },
      ],
    }),
    buildRejected({ siteId: 'atlantic-ashburn-1' }),
    buildRejected({ siteId: 'unknown-site' }),
  ],
});

describe('plan rows', () => {
  it('lists candidates by rank, then rejected sites nearest to fitting first', () => {
    const rows = planRows(plan, sites);
    expect(rows.candidates.map((r) => r.site.name)).toEqual(['USDC Tangier 1', 'Orange Tech Casablanca']);
    expect(rows.rejected.map((r) => r.site.name)).toEqual(['Atlantic Ashburn 1', 'unknown-site', 'USDC Madrid 1']);
  });
});

describe('figures', () => {
  it('formats each part in its unit', () => {
    expect(formatFigure(4.31, 'ms')).toBe('4.3 ms');
    expect(formatFigure(551, 'gCO2/kWh')).toBe('551 gCO₂/kWh');
    expect(formatFigure(0.09, 'USD/kWh')).toBe('$0.09/kWh');
    expect(formatFigure(0.0208, 'share of free H100')).toBe('2.1 % of free H100');
    expect(formatFigure(12, 'kW')).toBe('12 kW');
  });

  it('reads a margin as what is needed against what there is', () => {
    expect(formatMargin({ needed: 64, available: 40, unit: 'H100' })).toBe('needs 64 H100, 40 available');
    expect(formatMargin({ needed: 20, available: 38.2, unit: 'ms' })).toBe('needs ≤ 20 ms, 38 ms here');
  });
});

describe('the plan on the map', () => {
  it('numbers candidates, greys rejected sites and gives every site its hover note', () => {
    const marks = planMarks(plan);
    expect([...marks.ranks]).toEqual([
      ['orange-tech-casablanca', 2],
      ['usdc-tangier-1', 1],
    ]);
    expect([...marks.greyed]).toEqual(['usdc-madrid-1', 'atlantic-ashburn-1', 'unknown-site']);
    expect(marks.notes.get('usdc-tangier-1')).toBe('Candidate #1 · score 0.81 · 3,072 H100 free');
    expect(marks.notes.get('usdc-madrid-1')).toBe('Rejected:\nJURISDICTION_NOT_ALLOWED: Spain is not allowed.\nGPU_MODEL_UNAVAILABLE: No H100 here.');
  });
});

describe('matched rules', () => {
  it('adds each rule’s legal basis and its note from the policy', () => {
    const policy = {
      version: 'v1',
      groups: {},
      conditions: [],
      rules: [
        { id: 'ma-personal-data', title: 'x', match: {}, allow: [{ jurisdictions: ['MA'], requires: [] }], certifications: [], legalBasis: 'Law 09-08.', note: 'Illustrative, not legal advice.' },
      ],
    };
    expect(matchedRuleDetails(plan, policy)).toEqual([
      { id: 'ma-personal-data', title: 'Moroccan personal data stays in Morocco (Law 09-08)', legalBasis: 'Law 09-08.', note: 'Illustrative, not legal advice.' },
    ]);
    expect(matchedRuleDetails(plan, undefined)[0]).toMatchObject({ legalBasis: undefined, note: 'Illustrative, not legal advice.' });
  });
});

describe('the plan in French and Arabic', () => {
  afterEach(async () => {
    await activateLocale('en');
  });

  it('reads margins, figures and the map’s hover notes in French, codes kept', async () => {
    await activateLocale('fr');
    expect(formatMargin({ needed: 64, available: 40, unit: 'H100' })).toBe('il faut 64 H100, 40 disponibles');
    expect(formatMargin({ needed: 20, available: 38.2, unit: 'ms' })).toBe('il faut ≤ 20 ms, 38 ms ici');
    expect(formatFigure(0.0208, 'share of free H100')).toBe('2,1 % des H100 libres');
    const marks = planMarks(plan);
    expect(marks.notes.get('usdc-tangier-1')).toBe('Candidat n° 1 · score 0,81 · 3\u202f072 H100 libres');
    expect(marks.notes.get('usdc-madrid-1')).toBe(
      'Rejeté\u00a0:\nJURISDICTION_NOT_ALLOWED\u00a0: Le pays du site ne figure pas parmi ceux que la règle de la politique autorise pour ces données, compte tenu des conditions attestées.\nGPU_MODEL_UNAVAILABLE\u00a0: Le site n’a aucun GPU du modèle demandé.',
    );
  });

  it('gives a rule without a note of its own the default caveat in Arabic', async () => {
    await activateLocale('ar');
    expect(matchedRuleDetails(plan, undefined)[0]).toMatchObject({ note: 'للتوضيح فقط، وليس استشارة قانونية.' });
  });
});
