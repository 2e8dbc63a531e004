// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { buildCandidate, buildPlan, buildRejected } from '../testing/plan-builders.ts';
import { PlanTable } from './plan-table.tsx';

const sites = new Map([
  ['usdc-tangier-1', { name: 'USDC Tangier 1', country: 'MA' }],
  ['usdc-madrid-1', { name: 'USDC Madrid 1', country: 'ES' }],
]);

afterEach(cleanup);

describe('PlanTable', () => {
  it('lists each candidate with its rank, score and every part in its unit', () => {
    render(<PlanTable plan={buildPlan()} sites={sites} />);
    const row = within(screen.getByRole('rowgroup', { name: 'Candidates' })).getByRole('row', { name: /USDC Tangier 1/ });
    expect(row.textContent).toContain('0.81');
    for (const figure of ['4.3 ms', '551 gCO₂/kWh', '$0.09/kWh', '2.1 % of free H100', '3,072 H100', '77 kW']) expect(row.textContent).toContain(figure);
    expect(screen.getByRole('columnheader', { name: /Latency × 35 %/ })).toBeTruthy();
  });

  it('shows the scarcity part with its weight, its figure and the sentence that says what it measures', () => {
    const candidate = buildCandidate();
    const plan = buildPlan({
      candidates: [{ ...candidate, parts: { ...candidate.parts, scarcity: { score: 0.4, weight: 0.2, value: 0.62, unit: 'regulated-demand pressure', basis: 'engine words' } } }],
    });
    render(<PlanTable plan={plan} sites={sites} />);
    const header = screen.getByRole('columnheader', { name: /Scarcity × 20 %/ });
    expect(header.getAttribute('title')).toBe('Scarcity: how much placing here takes from regulated workloads that can only run there; 1 takes nothing they need.');
    const row = within(screen.getByRole('rowgroup', { name: 'Candidates' })).getByRole('row', { name: /USDC Tangier 1/ });
    expect(row.textContent).toContain('pressure 0.62 0.40');
  });

  it('offers "Place here" on every candidate, by keyboard, only where a choice is asked for', () => {
    const chosen: string[] = [];
    const plan = buildPlan({ candidates: [buildCandidate(), buildCandidate({ siteId: 'usdc-madrid-1', rank: 2 })], rejected: [] });
    const { rerender } = render(<PlanTable plan={plan} sites={sites} onChoose={(id) => chosen.push(id)} />);
    const second = screen.getByRole('button', { name: 'Place here: USDC Madrid 1' });
    second.focus();
    expect(document.activeElement).toBe(second);
    second.click();
    expect(chosen).toEqual(['usdc-madrid-1']);
    rerender(<PlanTable plan={plan} sites={sites} />);
    expect(screen.queryByRole('button', { name: /Place here/ })).toBeNull();
  });

  it('lists each rejected site with every reason: code, sentence, margin and rule', () => {
    const plan = buildPlan({
      rejected: [
        buildRejected({
          reasons: [
            { code: 'JURISDICTION_NOT_ALLOWED', message: 'Spain is not allowed.', ruleId: 'ma-personal-data' },
            { code: 'INSUFFICIENT_GPUS', message: 'Needs 64 H100, 40 free.', margin: { needed: 64, available: 40, unit: 'H100' } },
          ],
        }),
      ],
    });
    render(<PlanTable plan={plan} sites={sites} />);
    const row = within(screen.getByRole('rowgroup', { name: 'Rejected' })).getByRole('row', { name: /USDC Madrid 1/ });
    expect(row.textContent).toContain('JURISDICTION_NOT_ALLOWED Spain is not allowed. · rule ma-personal-data');
    expect(row.textContent).toContain('INSUFFICIENT_GPUS Needs 64 H100, 40 free. · needs 64 H100, 40 available');
  });

  it('says so when no site can take the workload, and marks where a workload was placed', () => {
    const { rerender } = render(<PlanTable plan={buildPlan({ candidates: [] })} sites={sites} />);
    expect(screen.getByText(/No site can take this workload now/)).toBeTruthy();
    rerender(<PlanTable plan={buildPlan({ candidates: [buildCandidate()] })} sites={sites} placedOn="usdc-tangier-1" />);
    expect(screen.getByRole('row', { name: /USDC Tangier 1.*placed here/ })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Free GPUs then' })).toBeTruthy();
  });
});

describe('PlanTable in French and Arabic', () => {
  const plan = buildPlan({
    rejected: [
      buildRejected({
        reasons: [
          { code: 'JURISDICTION_NOT_ALLOWED', message: 'Spain is not allowed.', ruleId: 'ma-personal-data' },
          { code: 'INSUFFICIENT_GPUS', message: 'Needs 64 H100, 40 free.', margin: { needed: 64, available: 40, unit: 'H100' } },
        ],
      }),
    ],
  });

  afterEach(async () => {
    cleanup();
    await activateLocale('en');
  });

  it('in French, says why a site is rejected in French, with the engine’s English words one click away', async () => {
    await activateLocale('fr');
    render(<PlanTable plan={plan} sites={sites} />);
    const rejected = screen.getByRole('rowgroup', { name: 'Rejetés' });
    expect(within(rejected).getByRole('rowheader', { name: 'Rejetés · 1 site' })).toBeTruthy();
    const row = within(rejected).getByRole('row', { name: /USDC Madrid 1/ });
    expect(row.textContent).toContain('INSUFFICIENT_GPUS Il faut 64 H100, 40 libres. · il faut 64 H100, 40 disponibles');
    expect(row.textContent).toContain('JURISDICTION_NOT_ALLOWED Le pays du site ne figure pas parmi ceux que la règle de la politique autorise');
    expect(row.textContent).toContain('· règle ma-personal-data');
    const original = within(row).getAllByText('Needs 64 H100, 40 free.')[0]!;
    expect(original.getAttribute('lang')).toBe('en');
    expect(within(row).getAllByText('Texte du moteur (en anglais)').length).toBe(2);
    // Scores and figures in French numbers.
    const candidate = within(screen.getByRole('rowgroup', { name: 'Candidats' })).getByRole('row', { name: /USDC Tangier 1/ });
    expect(candidate.textContent).toContain('0,81');
    expect(candidate.textContent).toContain('2,1 % des H100 libres');
  });

  it('in Arabic, counts and explains the rejected sites in Arabic', async () => {
    await activateLocale('ar');
    render(<PlanTable plan={plan} sites={sites} />);
    const rejected = screen.getByRole('rowgroup', { name: 'المرفوضة' });
    expect(within(rejected).getByRole('rowheader', { name: 'المرفوضة · موقع واحد' })).toBeTruthy();
    const row = within(rejected).getByRole('row', { name: /USDC Madrid 1/ });
    expect(row.textContent).toContain('المطلوب 64 H100، والشاغر 40.');
    // Rejected is said in words and with a glyph, not by the row's grey alone.
    expect(within(row).getByRole('cell', { name: 'غير مرتّب' }).textContent).toBe('✕');
  });
});
