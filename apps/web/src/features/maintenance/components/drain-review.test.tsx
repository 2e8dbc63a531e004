// @vitest-environment jsdom
import type { DrainPlan } from '@corridor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Locale } from '../../../lib/i18n/locales.ts';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { DrainReview } from './drain-review.tsx';

const names: Record<string, string> = { 'ma-benguerir-1': 'Benguerir 1', 'ma-casa-2': 'Casablanca 2', 'fr-marseille-1': 'Marseille 1' };

// Two workloads on the site: one can go to Casablanca 2, one has no lawful destination.
const plan: DrainPlan = {
  id: 'dp-1',
  siteId: 'ma-benguerir-1',
  createdAt: '2026-12-03T12:00:00Z',
  createdBy: 'olga',
  // Executable for ten minutes from now, as the server gives it.
  expiresAt: new Date(Date.now() + 600_000).toISOString(),
  moves: [
    { workloadId: 'wl-a', workloadName: 'training-a', tenant: 'acme', gpuModel: 'H100', gpuCount: 8, to: 'ma-casa-2', score: 0.8234, alternatives: [], reasons: [] },
    {
      workloadId: 'wl-b',
      workloadName: 'records-b',
      tenant: 'health',
      gpuCount: 1,
      to: null,
      alternatives: [],
      reasons: [{ siteId: 'fr-marseille-1', reasons: [{ code: 'JURISDICTION_NOT_ALLOWED', message: 'Moroccan health data stays in Morocco.', ruleId: 'ma-health' }] }],
    },
  ],
  capacityEffect: [{ siteId: 'ma-casa-2', gpuModel: 'H100', freeBefore: 24, freeAfter: 16 }],
  blocked: 1,
};

async function renderIn(locale: Locale) {
  await activateLocale(locale);
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(plan), { status: 200, headers: { 'content-type': 'application/json' } })),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <DrainReview siteId="ma-benguerir-1" siteName={(id) => names[id] ?? id} backLink={{ href: '?site=ma-benguerir-1' }} onExecuted={() => undefined} />
    </QueryClientProvider>,
  );
}

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await activateLocale('en');
});

const isolated = (text: string) => `\u2068${text}\u2069`;

describe('the drain review in French and Arabic, and from the keyboard', () => {
  it('says in French how many workloads can move, with the language’s plurals, and asks to confirm in French', async () => {
    await renderIn('fr');
    const status = await screen.findByRole('status');
    expect(status.textContent).toBe('2 charges de travail sur Benguerir 1\u00a0: 1 peut être déplacée, 1 n’a aucune destination licite.');
    const capacity = screen.getByRole('region', { name: 'Effet sur la capacité de chaque destination' });
    expect(within(capacity).getAllByRole('row')[1]!.textContent).toContain('24 → 16 H100 libres (−8 GPU)');
    fireEvent.click(screen.getByRole('button', { name: 'Exécuter le vidage…' }));
    const confirm = screen.getByRole('group', { name: 'Confirmer le vidage' });
    expect(confirm.textContent).toContain('Déplacer 1 charge de travail hors de Benguerir 1 maintenant\u00a0? 1 sans destination licite restera et déclenchera une alerte critique.');
  });

  it('says it in Arabic, two workloads in the dual, the back link pointing right and the table headed in Arabic', async () => {
    await renderIn('ar');
    const status = await screen.findByRole('status');
    expect(status.textContent).toBe(`حملا عمل على ${isolated('Benguerir 1')}: واحد يمكن نقله، وواحد بلا وجهة قانونية.`);
    expect(screen.getByRole('link', { name: `→ ${isolated('Benguerir 1')}` })).toBeTruthy();
    const moves = screen.getByRole('region', { name: 'أحمال العمل' });
    expect(within(moves).getByRole('columnheader', { name: 'الوجهة' })).toBeTruthy();
    expect(screen.getByText('لا وجهة قانونية: يبقى')).toBeTruthy();
    // A refusal's code is said in Arabic; the engine's own sentence stays as the server wrote it.
    expect(screen.getByText('ولاية قضائية غير مسموح بها').closest('li')!.textContent).toContain('Moroccan health data stays in Morocco.');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(`إخلاء ${isolated('Benguerir 1')}: مراجعة`);
  });

  it('puts the keyboard back on Execute when the confirmation is left with Escape or Cancel', async () => {
    await renderIn('en');
    const execute = await screen.findByRole('button', { name: 'Execute drain…' });
    fireEvent.click(execute);
    const confirm = screen.getByRole('group', { name: 'Confirm the drain' });
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Confirm: execute' }));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'Confirm the drain' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Execute drain…' }));

    fireEvent.click(screen.getByRole('button', { name: 'Execute drain…' }));
    fireEvent.click(within(screen.getByRole('group', { name: 'Confirm the drain' })).getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Execute drain…' }));
  });
});
