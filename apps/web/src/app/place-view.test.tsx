// @vitest-environment jsdom
import type { Plan, Policy, SiteRow } from '@corridor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildCandidate, buildPlan, buildRejected } from '../features/placement/testing/plan-builders.ts';
import { activateLocale, translate } from '../lib/i18n/runtime.ts';
import { PlaceView } from './place-view.tsx';

// Leaflet draws nothing in jsdom: the map is left out.
vi.mock('./live-network-map.tsx', () => ({ LiveNetworkMap: () => null }));

const site = (id: string, name: string, country: SiteRow['country']): SiteRow => ({
  id,
  name,
  country,
  city: name,
  lat: 33,
  lon: -7,
  status: 'operational',
  itCapacityMw: 10,
  gpuCount: 1000,
  operatorId: 'op',
  operatorName: 'Operator',
  controlledBy: country,
});
const SITES = [site('usdc-tangier-1', 'USDC Tangier 1', 'MA'), site('casa-2', 'Casablanca 2', 'MA'), site('usdc-madrid-1', 'USDC Madrid 1', 'ES')];

const POLICY: Policy = {
  version: 'sha256:0123',
  groups: {},
  conditions: [
    { id: 'cndp-authorisation', label: 'The CNDP has authorised this transfer.' },
    { id: 'ma-transfer-basis', label: 'A transfer basis under Law 09-08 is recorded.' },
  ],
  rules: [
    {
      id: 'ma-personal-data',
      title: 'Moroccan personal data stays in Morocco (Law 09-08)',
      match: { dataClasses: ['personal'], origins: ['MA'] },
      allow: [
        { jurisdictions: ['MA'], requires: [] },
        { jurisdictions: ['*'], requires: ['cndp-authorisation'] },
        { jurisdictions: ['*'], requires: ['ma-transfer-basis'] },
      ],
      certifications: [],
      legalBasis: 'Law 09-08.',
      note: 'Illustrative, not legal advice.',
    },
  ],
};

const madridRejected = buildRejected({
  reasons: [
    {
      code: 'JURISDICTION_NOT_ALLOWED',
      message: 'ES is allowed by “Moroccan personal data stays in Morocco (Law 09-08)” only if the request affirms cndp-authorisation or ma-transfer-basis; without that, only MA.',
      ruleId: 'ma-personal-data',
    },
  ],
});
const PLAN = buildPlan({ candidates: [buildCandidate(), buildCandidate({ siteId: 'casa-2', rank: 2, score: 0.7 })], rejected: [madridRejected] });

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The BFF as the view meets it: the policy, a plan (or a 400 for an unknown city), and commits recorded. */
let commits: Record<string, unknown>[] = [];
let commitAnswer: () => Response;
beforeEach(() => {
  commits = [];
  commitAnswer = () => json(201, {});
  window.history.replaceState(null, '', '/?view=place&psector=healthcare&pclass=personal&porigin=MA&pgpus=64&pmodel=H100');
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init?: RequestInit) => {
      const body = init?.body ? (JSON.parse(init.body as string) as Record<string, unknown>) : {};
      if (path === '/api/policy') return json(200, POLICY);
      if (path === '/api/placements/plan') {
        const from = (body.latency as { from?: string } | undefined)?.from;
        if (from === 'Casablancaa') {
          const message = 'unknown place "Casablancaa": give { lat, lon }, a site id, or one of Casablanca, Rabat, Tangier';
          return json(400, { error: { code: 'BAD_REQUEST', message: `latency.from ${message}`, fields: [{ field: 'latency.from', message }] } });
        }
        return json(200, PLAN);
      }
      commits.push(body);
      return commitAnswer();
    }),
  );
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await activateLocale('en');
});

function renderView(onPlaced = vi.fn()) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <PlaceView sites={SITES} links={[]} boundary="official" onPlaced={onPlaced} ownTenant="cnss" />
    </QueryClientProvider>,
  );
  fireEvent.change(document.getElementById('place-name')!, { target: { value: 'Claims triage' } });
  return onPlaced;
}

/** The plan's region, by its heading in the language in force. */
const plan = () => screen.getByRole('region', { name: translate('app.place.plan') });
/** The first plan, once the form's pause and the answer are through (a cold jsdom on a shared machine is slow). */
const planShown = () => within(plan()).findByRole('table', {}, { timeout: 5000 });

describe('placing as a new tenant would', () => {
  it('places on any candidate the tenant chooses, after a confirmation that names the site', async () => {
    renderView();
    await planShown();
    const button = screen.getByRole('button', { name: 'Place here: Casablanca 2' });
    fireEvent.click(button);
    const dialog = screen.getByRole('dialog', { name: 'Place Claims triage on Casablanca 2?' });
    expect(dialog.textContent).toContain('64 H100 and 77 kW will be reserved at Casablanca 2 (Morocco), rank 2 of the plan.');
    expect(commits).toHaveLength(0);
    const workload = { ...commitWorkload(), siteId: 'casa-2' };
    commitAnswer = () => json(201, workload);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Place here' }));
    await vi.waitFor(() => expect(commits).toHaveLength(1));
    expect(commits[0]).toMatchObject({ siteId: 'casa-2', name: 'Claims triage', tenant: 'cnss' });
  });

  it('says why a chosen site cannot take the workload, with its reasons, when the commit is refused', async () => {
    renderView();
    commitAnswer = () => json(409, { error: { code: 'CONFLICT', message: 'site "casa-2" cannot take this workload now: Needs 64 H100, 40 free. See the plan.' }, plan: refusedPlan() });
    await planShown();
    fireEvent.click(screen.getByRole('button', { name: 'Place here: Casablanca 2' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Place here' }));
    await vi.waitFor(() => expect(within(plan()).getAllByRole('alert')[0]!.textContent).toContain('Casablanca 2 cannot take this workload now: nothing was reserved.'));
    expect(within(plan()).getAllByRole('alert')[0]!.textContent).toContain('INSUFFICIENT_GPUS Needs 64 H100, 40 free.');
    expect(commits[0]).toMatchObject({ siteId: 'casa-2' });
  });

  it('says in the reader’s language, not the server’s English, why the commit on the best site found none', async () => {
    await activateLocale('fr');
    renderView();
    await planShown();
    commitAnswer = () =>
      json(409, { error: { code: 'CONFLICT', message: 'no site can take this workload: every site is rejected; see the plan' }, plan: buildPlan({ candidates: [], rejected: [madridRejected] }) });
    fireEvent.click(screen.getByRole('button', { name: 'Valider' }));
    await vi.waitFor(() => expect(within(plan()).getAllByRole('alert')[0]!.textContent).toMatch(/^Aucun site ne peut prendre cette charge maintenant : rien n’a été réservé\./));
    expect(within(plan()).queryByText(/every site is rejected/)).toBeNull();
    expect(commits[0]).not.toHaveProperty('siteId');
  });

  it('names a condition by its label, with its code in small type, in the plan and in the form', async () => {
    renderView();
    await planShown();
    const row = within(plan()).getByRole('row', { name: /USDC Madrid 1/ });
    expect(row.textContent).toContain('Spain is allowed for this data only if the request affirms one of these conditions:');
    expect(within(row).getByText('The CNDP has authorised this transfer.')).toBeTruthy();
    expect(within(row).getByText('ma-transfer-basis').className).toBe('condition-code');
    expect(row.textContent).not.toContain('only if the request affirms cndp-authorisation');
    const checkbox = screen.getByRole('checkbox', { name: 'The CNDP has authorised this transfer.' });
    expect(checkbox.getAttribute('aria-describedby')).toBe(screen.getAllByText('cndp-authorisation').find((e) => e.closest('form'))!.id);
  });

  it('takes the reader to an unknown city, says it in plain words at the field, and sums up the fields in the banner', async () => {
    renderView();
    await planShown();
    const from = screen.getByLabelText('From (city)');
    fireEvent.change(from, { target: { value: 'Casablancaa' } });
    fireEvent.change(screen.getByLabelText('Max RTT (ms)'), { target: { value: '20' } });
    // The reader has moved on to the commit button: the 400 brings the focus back to the field.
    screen.getByRole('button', { name: 'Commit' }).focus();
    const banner = await within(plan()).findByText('The plan needs a correction in one field:');
    const plain = 'Not a place the planner knows: choose a city from the list, or give a site id.';
    expect(banner.closest('[role="alert"]')!.textContent).toContain(plain);
    expect(document.activeElement).toBe(from);
    expect(from.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(from.getAttribute('aria-describedby')!)!.textContent).toBe(plain);
    expect(screen.queryByText(/unknown place/)).toBeNull();
    screen.getByRole('button', { name: 'Commit' }).focus();
    fireEvent.click(within(plan()).getByRole('button', { name: 'From (city)' }));
    expect(document.activeElement).toBe(from);
  });

  it('clears the plan when every weight is 0, and says why', async () => {
    renderView();
    await planShown();
    for (const slider of screen.getAllByRole('slider')) fireEvent.change(slider, { target: { value: '0' } });
    expect(within(plan()).queryByRole('table')).toBeNull();
    expect(within(plan()).getByRole('alert').textContent).toBe('Set at least one weight above 0: the ranking needs something to rank by.');
    expect(screen.getByRole('slider', { name: 'Scarcity' })).toBeTruthy();
  });

  it('in French, offers "Placer ici" on each candidate and names the conditions by their labels', async () => {
    await activateLocale('fr');
    renderView();
    await planShown();
    expect(screen.getByRole('button', { name: 'Placer ici : Casablanca 2' })).toBeTruthy();
    const row = within(plan()).getByRole('row', { name: /USDC Madrid 1/ });
    expect(row.textContent).toContain('Espagne n’est autorisé pour ces données que si la demande atteste l’une de ces conditions :');
    expect(within(row).getByText('A transfer basis under Law 09-08 is recorded.').getAttribute('lang')).toBe('en');
  });
});

describe('placing in Arabic', () => {
  it('offers a choice of site and names the conditions in Arabic, the policy’s labels marked as English', async () => {
    await activateLocale('ar');
    renderView();
    await planShown();
    expect(screen.getByRole('button', { name: 'الوضع هنا: Casablanca 2' })).toBeTruthy();
    const row = within(plan()).getByRole('row', { name: /USDC Madrid 1/ });
    expect(row.textContent).toContain('لهذه البيانات إلا إذا أكّد الطلب أحد هذه الشروط:');
    expect(within(row).getByText('The CNDP has authorised this transfer.').getAttribute('lang')).toBe('en');
  });
});

function commitWorkload() {
  return {
    id: 'wl-1',
    name: 'Claims triage',
    tenant: 'cnss',
    kind: 'training',
    sector: 'healthcare',
    dataClass: 'personal',
    dataOrigin: 'MA',
    state: 'placed',
    gpuModel: 'H100',
    gpuCount: 64,
    powerKw: 76.8,
    request: { name: 'Claims triage', tenant: 'cnss', kind: 'training', sector: 'healthcare', dataClass: 'personal', dataOrigin: 'MA', gpus: { count: 64, model: 'H100' }, conditions: [] },
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
  };
}

/** The fresh plan a refused commit on casa-2 comes back with: the site is now too full. */
function refusedPlan(): Plan {
  const full = buildRejected({ siteId: 'casa-2', reasons: [{ code: 'INSUFFICIENT_GPUS', message: 'Needs 64 H100, 40 free.', margin: { needed: 64, available: 40, unit: 'H100' } }] });
  return buildPlan({ candidates: [buildCandidate()], rejected: [madridRejected, full] });
}
