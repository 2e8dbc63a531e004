// @vitest-environment jsdom
import type { Policy } from '@corridor/shared';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { viewerZone } from '../../../lib/local-time.ts';
import { buildPlan } from '../testing/plan-builders.ts';
import { PlanSummary } from './plan-summary.tsx';

const policy: Policy = {
  version: 'v1',
  groups: {},
  conditions: [],
  rules: [{ id: 'ma-personal-data', title: 'x', match: {}, allow: [{ jurisdictions: ['MA'], requires: [] }], certifications: [], legalBasis: 'Law 09-08, article 43.', note: 'Illustrative only.' }],
};

afterEach(async () => {
  cleanup();
  await activateLocale('en');
});

describe('PlanSummary', () => {
  it('says the policy version and when the plan was computed, in the viewer’s zone', () => {
    const { container } = render(<PlanSummary plan={buildPlan()} policy={policy} />);
    expect(container.querySelector('.plan-meta')?.textContent).toMatch(new RegExp(`^Policy 0123456789ab · computed .+ \\(${viewerZone()}\\)$`));
    expect(screen.getByText('Note:')).toBeTruthy();
  });

  it('in French: the rule’s caveat and legal basis heading in French, the policy’s own words marked as English', async () => {
    await activateLocale('fr');
    const { container } = render(<PlanSummary plan={buildPlan()} policy={policy} />);
    expect(container.querySelector('.plan-meta')?.textContent).toMatch(/^Politique 0123456789ab · calculé le /);
    expect(screen.getByText('Base juridique')).toBeTruthy();
    expect(screen.getByText('Law 09-08, article 43.').getAttribute('lang')).toBe('en');
    expect(screen.getByText('Moroccan personal data stays in Morocco (Law 09-08)').getAttribute('lang')).toBe('en');
    expect(screen.getByText(/Illustrative only\./).getAttribute('lang')).toBe('en');
    // Without the policy's own note, the console's caveat, in French.
    cleanup();
    render(<PlanSummary plan={buildPlan()} />);
    const rules = screen.getByRole('region', { name: 'Règles de la politique appliquées' });
    expect(rules.textContent).toContain('À titre d’illustration, ceci n’est pas un avis juridique.');
  });
});
