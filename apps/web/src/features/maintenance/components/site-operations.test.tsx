// @vitest-environment jsdom
import type { Alert, MaintenanceWindow } from '@corridor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { SiteOperations } from './site-operations.tsx';

const window: MaintenanceWindow = {
  id: 'mw-1',
  siteId: 'ma-benguerir-1',
  startsAt: '2026-12-03T13:00:00.000Z',
  endsAt: '2026-12-03T15:00:00.000Z',
  reason: 'Cooling loop',
  createdBy: 'olga',
  createdAt: '2026-12-03T12:59:00.000Z',
  active: true,
  current: { startsAt: '2026-12-03T13:00:00.000Z', endsAt: '2026-12-03T15:00:00.000Z' },
  timeZone: 'Africa/Casablanca',
};

const alert: Alert = {
  id: 'al-1',
  ruleId: 'pue-high',
  severity: 'critical',
  state: 'firing',
  siteId: 'ma-benguerir-1',
  summary: 'PUE 1.82 at Benguerir',
  value: 1.82,
  unit: '',
  runbook: 'https://runbooks.example/pue',
  startsAt: '2026-12-03T12:50:00.000Z',
  firingAt: '2026-12-03T12:55:00.000Z',
  silencedBy: [],
  inMaintenance: true,
  notification: { state: 'suppressed', attempts: 0 },
};

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function serve(routes: Record<string, (init?: RequestInit) => Response>) {
  const fetch = vi.fn(async (path: string, init?: RequestInit) => {
    const route = Object.keys(routes).find((p) => path.startsWith(p));
    return route ? routes[route]!(init) : json({ error: { code: 'NOT_FOUND', message: 'no' } }, 404);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function renderOps(canOperate: boolean) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <SiteOperations
        siteId="ma-benguerir-1"
        siteName="Benguerir 1"
        siteZone="Africa/Casablanca"
        canReadNoc
        canOperate={canOperate}
        workloadLink={(id) => ({ href: `?workload=${id}` })}
        drainLink={{ href: '?view=drain' }}
      />
    </QueryClientProvider>,
  );
}

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await activateLocale('en');
});

describe('a site’s operations in its panel', () => {
  it('shows its window in the site’s time and the viewer’s, its firing alerts and its workloads', async () => {
    serve({
      '/api/maintenance': () => json({ windows: [window] }),
      '/api/alerts': () => json({ alerts: [] }),
      '/api/workloads': () => json({ workloads: [] }),
    });
    renderOps(false);
    const item = await screen.findByText(/In maintenance now/);
    const windowItem = item.closest('li')!;
    expect(windowItem.textContent).toContain('Africa/Casablanca');
    expect(windowItem.textContent).toMatch(/your time|also your time/);
    expect(await screen.findByText('None firing.')).toBeTruthy();
    expect(await screen.findByText('No workload runs here.')).toBeTruthy();
    // Not an operator: nothing to schedule, drain or end.
    expect(screen.queryByRole('button', { name: 'Schedule maintenance' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'End now' })).toBeNull();
  });

  it('schedules from the form, naming a field the server refuses', async () => {
    const fetch = serve({
      '/api/maintenance': (init) =>
        init?.method === 'POST' ? json({ error: { code: 'BAD_REQUEST', message: 'bad', fields: [{ field: 'body.startsAt', message: 'must not be in the past' }] } }, 400) : json({ windows: [] }),
      '/api/alerts': () => json({ alerts: [] }),
      '/api/workloads': () => json({ workloads: [] }),
    });
    renderOps(true);
    fireEvent.click(await screen.findByRole('button', { name: 'Schedule maintenance' }));
    const form = screen.getByRole('form', { name: 'Schedule maintenance on Benguerir 1' });
    fireEvent.click(within(form).getByRole('button', { name: 'Schedule' }));
    expect(within(form).getByText('must say why')).toBeTruthy();
    expect(fetch.mock.calls.filter(([, init]) => init?.method === 'POST')).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('Reason'), { target: { value: 'Cooling loop' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Schedule' }));
    await waitFor(() => expect(within(form).getByText('must not be in the past')).toBeTruthy());
    expect(
      within(form)
        .getByLabelText(/^Start/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
  });

  it('says its window, alerts and workloads in French, with the language’s counts', async () => {
    serve({
      '/api/maintenance': () => json({ windows: [{ ...window, recurrence: 'weekly' }] }),
      '/api/alerts': () => json({ alerts: [alert] }),
      '/api/workloads': () => json({ workloads: [] }),
    });
    await activateLocale('fr');
    renderOps(true);
    const item = (await screen.findByText('En maintenance')).closest('li')!;
    expect(item.textContent).toContain('En maintenance · chaque semaine · Cooling loop · par olga');
    expect(item.textContent).toMatch(/^.*Du .+Africa\/Casablanca/);
    expect(within(item).getByRole('button', { name: 'Terminer maintenant' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Alertes actives (1)' })).toBeTruthy();
    // An alert at the site: since when, in the site's time and the viewer's, both zones named.
    const firing = screen.getByText('PUE 1.82 at Benguerir').closest('li')!;
    expect(firing.textContent).toMatch(/^Critique PUE 1\.82 at Benguerir · depuis .+ Africa\/Casablanca/);
    expect(firing.textContent).toMatch(/votre heure/);
    expect(await screen.findByText('Aucune charge de travail ne tourne ici.')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Opérations' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Planifier une maintenance' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Vider le site…' })).toBeTruthy();
  });

  it('closes the schedule form with Escape and puts the keyboard back on the button that opened it', async () => {
    serve({
      '/api/maintenance': () => json({ windows: [] }),
      '/api/alerts': () => json({ alerts: [] }),
      '/api/workloads': () => json({ workloads: [] }),
    });
    renderOps(true);
    const open = await screen.findByRole('button', { name: 'Schedule maintenance' });
    fireEvent.click(open);
    const form = screen.getByRole('form', { name: 'Schedule maintenance on Benguerir 1' });
    const reason = within(form).getByLabelText('Reason');
    reason.focus();
    fireEvent.keyDown(reason, { key: 'Escape' });
    expect(screen.queryByRole('form', { name: 'Schedule maintenance on Benguerir 1' })).toBeNull();
    expect(open.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(open);

    fireEvent.click(open);
    fireEvent.click(within(screen.getByRole('form', { name: 'Schedule maintenance on Benguerir 1' })).getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(open);
  });
});

describe('confirming a site down', () => {
  it('asks first, then posts the confirmation; a confirmation that stands can be withdrawn', async () => {
    const fetch = serve({
      '/api/maintenance': () => json({ windows: [] }),
      '/api/alerts': () => json({ alerts: [] }),
      '/api/workloads': () => json({ workloads: [] }),
      '/api/sites/ma-benguerir-1/confirm-down': (init) =>
        json({ siteId: 'ma-benguerir-1', declared: 'operational', health: init?.method === 'POST' ? 'down' : 'ok', since: 1, ...(init?.method === 'POST' ? { confirmedBy: 'olga' } : {}) }),
    });
    renderOps(true);
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm down…' }));
    const question = screen.getByRole('group', { name: 'Confirm that Benguerir 1 is down? Its workloads are moved to other lawful sites.' });
    // Nothing is sent until the second step, which has the focus.
    expect(fetch.mock.calls.filter(([, init]) => init?.method === 'POST')).toHaveLength(0);
    const confirm = within(question).getByRole('button', { name: 'Confirm: site down' });
    expect(document.activeElement).toBe(confirm);
    fireEvent.click(confirm);
    await waitFor(() => expect(fetch.mock.calls.filter(([path, init]) => path === '/api/sites/ma-benguerir-1/confirm-down' && init?.method === 'POST')).toHaveLength(1));
    cleanup();

    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <SiteOperations
          siteId="ma-benguerir-1"
          siteName="Benguerir 1"
          canReadNoc
          canOperate
          workloadLink={(id) => ({ href: `?workload=${id}` })}
          drainLink={{ href: '?view=drain' }}
          confirmedDownBy="olga"
        />
      </QueryClientProvider>,
    );
    expect(await screen.findByText('Confirmed down by olga.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw the confirmation' }));
    await waitFor(() => expect(fetch.mock.calls.filter(([, init]) => init?.method === 'DELETE')).toHaveLength(1));
  });

  it('is not offered to a reader', async () => {
    serve({ '/api/maintenance': () => json({ windows: [] }), '/api/alerts': () => json({ alerts: [] }), '/api/workloads': () => json({ workloads: [] }) });
    renderOps(false);
    await screen.findByText('No workload runs here.');
    expect(screen.queryByRole('button', { name: 'Confirm down…' })).toBeNull();
  });
});
